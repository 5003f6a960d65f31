package dev.rendezvous.edge.reliability;

import static dev.rendezvous.testkit.Await.awaitUntil;

import dev.rendezvous.edge.EdgeMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real edge process ({@link EdgeMain} on this test's class path), to kill with SIGKILL. Its
 * output goes to a file under target/ for post-mortems.
 */
final class EdgeProcess implements AutoCloseable {
  private final Process process;
  private final int healthPort;
  final String name;

  private EdgeProcess(String name, Process process, int healthPort) {
    this.name = name;
    this.process = process;
    this.healthPort = healthPort;
  }

  static EdgeProcess start(String name, Map<String, String> env) throws Exception {
    int health = freePort();
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            EdgeMain.class.getName());
    pb.environment().putAll(env);
    pb.environment().put("HOSTNAME", name);
    pb.environment().put("RENDEZVOUS_HEALTH_PORT", Integer.toString(health));
    pb.environment().put("RENDEZVOUS_INTERNAL_PORT", Integer.toString(freePort()));
    pb.redirectErrorStream(true);
    pb.redirectOutput(Path.of("target", "edge-" + name + ".log").toFile());
    EdgeProcess edge = new EdgeProcess(name, pb.start(), health);
    edge.awaitHealthy(Duration.ofSeconds(60));
    return edge;
  }

  private void awaitHealthy(Duration wait) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/health"))
            .timeout(Duration.ofSeconds(1))
            .build();
    // A process that exited ends the wait at once; the check below tells it apart.
    awaitUntil(
        wait,
        () ->
            !process.isAlive()
                || http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200,
        name + " to turn healthy");
    if (!process.isAlive()) {
      throw new IllegalStateException(name + " exited: see target/edge-" + name + ".log");
    }
  }

  /** SIGKILL: no drain, no last heartbeat, no goodbye. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String tail(String name) {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new java.io.FileInputStream(Path.of("target", "edge-" + name + ".log").toFile()),
                StandardCharsets.UTF_8))) {
      return r.lines().reduce("", (a, b) -> a + "\n" + b);
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() {
    process.destroy();
  }
}
