package dev.rendezvous.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app ({@code cdk.json} runs it through {@code infra/cdk-app.sh}). The stack is
 * environment-agnostic unless a region is given ({@code -c region=...}, or the CLI's default
 * region); the account always comes from the credentials at deploy time.
 */
public final class RendezvousApp {
  public static final String STACK_NAME = "Rendezvous";
  public static final String LOCALSTACK_STACK_NAME = "RendezvousLocal";
  public static final String FIREWALL_STACK_NAME = "RendezvousFirewall";

  private RendezvousApp() {}

  public static void main(String[] args) {
    App app = new App();
    InfraSettings settings = InfraSettings.fromContext(app.getNode()::tryGetContext);
    requireBuilt(settings);
    build(app, settings, Optional.ofNullable(System.getenv("CDK_DEFAULT_REGION")));
    app.synth();
  }

  /** Where the edge's Dockerfile copies its jar from, inside the docker build context. */
  public static final String EDGE_JAR = "target/rendezvous-udp-edge.jar";

  private static final String BUILD_COMMAND = "./mvnw -B -pl functions,udp-edge -am package";

  /** Fails early, with the command to run, when an artifact the stack packages is missing. */
  static void requireBuilt(InfraSettings settings) {
    if (!Files.isRegularFile(settings.functionsJar())) {
      throw new IllegalStateException(
          "No functions jar at "
              + settings.functionsJar().toAbsolutePath()
              + ": run "
              + BUILD_COMMAND
              + " first (or pass -c functionsJar=<path>)");
    }
    if (settings.localStack()) {
      return;
    }
    Path edge = settings.edgeDockerDirectory();
    if (!Files.isRegularFile(edge.resolve("Dockerfile"))) {
      throw new IllegalStateException("No Dockerfile in " + edge.toAbsolutePath());
    }
    if (!Files.isRegularFile(edge.resolve(EDGE_JAR))) {
      throw new IllegalStateException(
          "No edge jar at "
              + edge.resolve(EDGE_JAR).toAbsolutePath()
              + " (the edge image is built from it): run "
              + BUILD_COMMAND
              + " first");
    }
  }

  static final String REGION_REQUIRED =
      "the AWS stack needs a region (its per-address limits live in "
          + ApiFirewallStack.REGION
          + " and are referenced across regions): pass -c region=<region> or configure a default"
          + " region for the AWS CLI";

  /**
   * Adds the stacks that {@code settings} describe to {@code app}: the service's stack and, for
   * AWS, the firewall stack in us-east-1 that it refers to. Every AWS stack is checked against the
   * AWS Solutions rules ({@link Compliance}).
   *
   * @param cliRegion the CLI's default region, used when the context names none
   * @return the service's stack
   */
  public static RendezvousStack build(App app, InfraSettings settings, Optional<String> cliRegion) {
    Optional<String> region = settings.region().or(() -> cliRegion);
    if (settings.localStack()) {
      StackProps.Builder props =
          StackProps.builder()
              .description("Rendezvous (LocalStack subset: table, functions, schedule, REST API)");
      region.ifPresent(r -> props.env(Environment.builder().region(r).build()));
      return new RendezvousStack(
          app, LOCALSTACK_STACK_NAME, props.build(), settings, Optional.empty());
    }
    String serviceRegion = region.orElseThrow(() -> new IllegalArgumentException(REGION_REQUIRED));
    ApiFirewallStack firewall =
        new ApiFirewallStack(
            app,
            FIREWALL_STACK_NAME,
            StackProps.builder()
                .description("Rendezvous: per-address limits of the HTTP API (AWS WAF, CloudFront)")
                .env(Environment.builder().region(ApiFirewallStack.REGION).build())
                .crossRegionReferences(true)
                .build(),
            settings);
    RendezvousStack stack =
        new RendezvousStack(
            app,
            STACK_NAME,
            StackProps.builder()
                .description("Rendezvous UDP hole-punching rendezvous service")
                .env(Environment.builder().region(serviceRegion).build())
                .crossRegionReferences(true)
                .build(),
            settings,
            Optional.of(firewall.firewall().webAclArn()));
    Compliance.check(firewall);
    Compliance.check(stack);
    return stack;
  }
}
