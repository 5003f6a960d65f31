package dev.rendezvous.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.infra.construct.OriginVerification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The origin check's real source, run by node (which jsii needs anyway) with authorizer events. */
class OriginAuthorizerTest {
  @TempDir Path directory;

  @Test
  void admitsOnlyTheExactSecret() throws Exception {
    assertThat(authorize("s3cret", "{\"x-rendezvous-origin\":\"s3cret\"}")).isTrue();
    assertThat(authorize("s3cret", "{\"x-rendezvous-origin\":\"s3creT\"}")).isFalse();
    assertThat(authorize("s3cret", "{\"x-rendezvous-origin\":\"s3cret \"}")).isFalse();
    assertThat(authorize("s3cret", "{\"x-rendezvous-origin\":\"\"}")).isFalse();
    assertThat(authorize("s3cret", "{}")).isFalse();
  }

  @Test
  void refusesEverythingWithoutAConfiguredSecret() throws Exception {
    assertThat(authorize("", "{\"x-rendezvous-origin\":\"\"}")).isFalse();
  }

  private boolean authorize(String secret, String headers)
      throws IOException, InterruptedException {
    Path code = Files.writeString(directory.resolve("index.js"), OriginVerification.code());
    String script =
        "require(process.argv[1]).handler({headers: JSON.parse(process.argv[2])})"
            + ".then(r => process.stdout.write(JSON.stringify(r)))";
    ProcessBuilder builder =
        new ProcessBuilder("node", "-e", script, code.toString(), headers)
            .redirectErrorStream(true);
    builder.environment().put("ORIGIN_SECRET", secret);
    Process node = builder.start();
    assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.exitValue()).as(out).isZero();
    assertThat(out).matches("\\{\"isAuthorized\":(true|false)\\}");
    return out.contains("true");
  }
}
