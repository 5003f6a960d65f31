package dev.rendezvous.cli;

import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local run's parts as {@code ./run-local} starts them: the real edge and the real HTTP routes
 * from their shaded jars, as child processes on loopback (every port chosen by the system), over a
 * fresh table in the tests' dynalite, with short timings (interval 2 s, grace 1 s). The reactor
 * builds both jars before this module (see the pom); {@link #close()} stops both processes.
 */
final class LocalRun implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(90);
  private static final Pattern UDP_PORT = Pattern.compile("\"udp_port\":\"(\\d+)\"");
  private static final Pattern HTTP_URL =
      Pattern.compile("rendezvous HTTP API listening on (http://[0-9.]+:\\d+)");

  final URI base;
  final int udpPort;
  private final List<Process> processes = new ArrayList<>();

  LocalRun(DynaliteExtension dynalite) throws Exception {
    Path root = Path.of(System.getProperty("rendezvous.root", "..")).toAbsolutePath();
    Path edgeJar = jar(root, "udp-edge/target/rendezvous-udp-edge.jar");
    Path httpJar = jar(root, "local-server/target/rendezvous-local-server.jar");
    String table = dynalite.createTable();
    Map<String, String> env =
        Map.of(
            "AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString(),
            "AWS_REGION", "us-east-1",
            "AWS_ACCESS_KEY_ID", "local",
            "AWS_SECRET_ACCESS_KEY", "local",
            "RENDEZVOUS_TABLE", table,
            "RENDEZVOUS_BIND_ADDRESS", "127.0.0.1",
            "RENDEZVOUS_PULSE_INTERVAL_SECONDS", "2",
            "RENDEZVOUS_GRACE_SECONDS", "1",
            "RENDEZVOUS_ERROR_TIME_SECONDS", "30",
            "RENDEZVOUS_OWNER_TIMEOUT_MILLIS", "1000");
    try {
      Map<String, String> edgeEnv = new java.util.HashMap<>(env);
      edgeEnv.putAll(
          Map.of(
              "RENDEZVOUS_UDP_PORT", "0",
              "RENDEZVOUS_HEALTH_PORT", "0",
              "RENDEZVOUS_INTERNAL_PORT", "0",
              "RENDEZVOUS_EDGE_THREADS", "1",
              "RENDEZVOUS_CLOUDWATCH_METRICS", "false"));
      udpPort = Integer.parseInt(start(edgeEnv, List.of("-jar", edgeJar.toString()), UDP_PORT));
      base =
          URI.create(
              start(
                  env,
                  List.of(
                      "-XX:TieredStopAtLevel=1",
                      "-jar",
                      httpJar.toString(),
                      "--micronaut.server.port=-1",
                      "--rendezvous.local.expiry-schedule=false"),
                  HTTP_URL));
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  private static Path jar(Path root, String relative) {
    Path jar = root.resolve(relative);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is not built: run './mvnw -pl cli -am verify' (the reactor builds it first)");
    }
    return jar;
  }

  /** Starts {@code java args...} and waits for a line matching {@code ready}; its first group. */
  private String start(Map<String, String> env, List<String> args, Pattern ready)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    processes.add(process);
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "local-run-output");
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + START.toNanos();
    int seen = 0;
    while (System.nanoTime() < deadline) {
      while (seen < lines.size()) {
        Matcher m = ready.matcher(lines.get(seen++));
        if (m.find()) {
          return m.group(1);
        }
      }
      if (!process.isAlive() && seen == lines.size()) {
        break;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(
        String.join(" ", args) + " did not start; it printed: " + String.join("\n", lines));
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }
}
