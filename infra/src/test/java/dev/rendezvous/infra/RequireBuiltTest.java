package dev.rendezvous.infra;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synthesis refuses to start without the two build outputs the stack packages. */
class RequireBuiltTest {
  @TempDir Path root;

  @Test
  void aMissingFunctionsJarIsAClearError() throws IOException {
    Path edge = edgeDirectory(true);
    assertThatThrownBy(() -> RendezvousApp.requireBuilt(settings(root.resolve("none.jar"), edge)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No functions jar at")
        .hasMessageContaining("./mvnw -B -pl functions,udp-edge -am package");
  }

  @Test
  void aMissingEdgeJarIsAClearError() throws IOException {
    Path edge = edgeDirectory(false);
    assertThatThrownBy(() -> RendezvousApp.requireBuilt(settings(functionsJar(), edge)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No edge jar at " + edge.resolve("target/rendezvous-udp-edge.jar"))
        .hasMessageContaining("./mvnw -B -pl functions,udp-edge -am package");
  }

  @Test
  void bothJarsPresentPass() throws IOException {
    Path edge = edgeDirectory(true);
    assertThatCode(() -> RendezvousApp.requireBuilt(settings(functionsJar(), edge)))
        .doesNotThrowAnyException();
  }

  @Test
  void theLocalStackStackNeedsNoEdge() throws IOException {
    InfraSettings local =
        InfraSettings.fromContext(
            Map.<String, Object>of(
                    "localstack",
                    "true",
                    "functionsJar",
                    functionsJar().toString(),
                    "edgeDockerDirectory",
                    root.resolve("nowhere").toString())
                ::get);
    assertThatCode(() -> RendezvousApp.requireBuilt(local)).doesNotThrowAnyException();
  }

  @Test
  void theAwsStacksNeedARegion() throws IOException {
    InfraSettings noRegion = settings(functionsJar(), edgeDirectory(true));
    assertThatThrownBy(
            () ->
                RendezvousApp.build(
                    new software.amazon.awscdk.App(), noRegion, java.util.Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a region")
        .hasMessageContaining("-c region=");
  }

  @Test
  void theJarCheckedIsTheOneTheDockerfileCopies() throws IOException {
    Path dockerfile = SynthesizedStacks.repositoryRoot().resolve("udp-edge/Dockerfile");
    org.assertj.core.api.Assertions.assertThat(Files.readString(dockerfile))
        .contains("COPY " + RendezvousApp.EDGE_JAR + " ");
  }

  private InfraSettings settings(Path functionsJar, Path edge) {
    return InfraSettings.fromContext(
        Map.<String, Object>of(
                "functionsJar",
                functionsJar.toString(),
                "edgeDockerDirectory",
                edge.toString(),
                "alarmEmail",
                "none")
            ::get);
  }

  private Path functionsJar() throws IOException {
    return Files.writeString(root.resolve("functions.jar"), "jar");
  }

  private Path edgeDirectory(boolean withJar) throws IOException {
    Path edge = Files.createDirectories(root.resolve("udp-edge"));
    Files.writeString(edge.resolve("Dockerfile"), "FROM scratch\n");
    if (withJar) {
      Files.createDirectories(edge.resolve("target"));
      Files.writeString(edge.resolve(RendezvousApp.EDGE_JAR), "jar");
    }
    return edge;
  }
}
