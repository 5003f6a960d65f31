#!/usr/bin/env sh
# The "app" command of cdk.json: builds the infra module in the reactor (no install into ~/.m2)
# and runs the CDK app on the classpath Maven wrote. Runs from the repository root, where
# cdk.json lives; the CDK CLI passes the context to the app through its environment.
set -eu
cd "$(dirname "$0")/.."
./mvnw -B -q -pl infra -am package -DskipTests -Dspotless.check.skip=true >&2
exec java -cp "infra/target/classes:$(cat infra/target/app-classpath.txt)" \
  dev.rendezvous.infra.RendezvousApp
