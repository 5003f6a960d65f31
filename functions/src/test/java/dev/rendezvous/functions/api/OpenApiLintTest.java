package dev.rendezvous.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.store.dynamodb.testing.NodePackages;
import dev.rendezvous.store.dynamodb.testing.RepositoryRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.yaml passes Spectral's {@code spectral:oas} ruleset (.spectral.yaml) with no result
 * at all: any error, warning, info or hint fails the build. Spectral is the pinned
 * {@code @stoplight/spectral-cli} of package.json.
 */
class OpenApiLintTest {
  private static final String SPECTRAL = "@stoplight/spectral-cli";

  @Test
  void spectralFindsNothing() throws IOException, InterruptedException {
    Path root = RepositoryRoot.find();
    NodePackages.ensureInstalled(root, SPECTRAL);
    Process lint =
        new ProcessBuilder(
                "node",
                root.resolve("node_modules").resolve(SPECTRAL).resolve("dist/index.js").toString(),
                "lint",
                "docs/openapi.yaml",
                "--ruleset",
                ".spectral.yaml",
                "--fail-severity",
                "hint")
            .directory(root.toFile())
            .redirectErrorStream(true)
            .start();
    String report = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(lint.waitFor(2, TimeUnit.MINUTES)).as("spectral finished").isTrue();
    assertThat(lint.exitValue()).as("spectral lint docs/openapi.yaml:%n%s", report).isZero();
  }
}
