package dev.rendezvous.client.nat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The NAT laboratory the namespace tests share: the topology of src/test/nat/nat-topology.sh (two
 * NATs and a second one for side a, a switch with two peers on side a, IPv6 behind stateful
 * firewalls) and, in the "public" namespace, what the real stack runs: dynalite, the HTTP routes
 * and two edges bound dual-stack. Started once per test JVM by the first class that uses it (a
 * JUnit extension), torn down when all tests are done (and by a shutdown hook if the JVM is
 * killed). Needs root, nftables and iproute2: the tests skip with a message otherwise.
 */
public final class NatLab implements BeforeAllCallback {
  private static boolean started;

  @Override
  public synchronized void beforeAll(ExtensionContext context) throws Exception {
    Assumptions.assumeTrue(
        isRoot(), "NAT traversal test skipped: it must run as root (network namespaces, nftables)");
    Assumptions.assumeTrue(
        onPath("nft"), "NAT traversal test skipped: nft not found (apt-get install -y nftables)");
    Assumptions.assumeTrue(onPath("ip"), "NAT traversal test skipped: iproute2 (ip) not found");
    synchronized (NatLab.class) {
      if (!started) {
        started = true;
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.GLOBAL)
            .put(NatLab.class.getName(), (AutoCloseable) NatLab::tearDown);
        start();
      }
    }
  }

  private static final Path SCRIPT = Path.of("src/test/nat/nat-topology.sh").toAbsolutePath();
  private static final String PREFIX = "rzt" + ProcessHandle.current().pid() + "-";
  static final String SERVER_IP = "203.0.113.1";
  static final Duration START = Duration.ofSeconds(60);
  static final int PUNCH_TIMEOUT_SECONDS = 12; // generous: CI machines are busy

  /**
   * The real edge's shaded jar: {@code udp-edge/target/rendezvous-udp-edge.jar} when the reactor
   * has built it (udp-edge comes before client in the root pom), or {@code
   * -Drendezvous.nat.edgeJar=PATH}; {@code -Drendezvous.nat.edgeJar=none}, or no jar, uses the test
   * server's own UDP edge ports instead.
   */
  private static final String EDGE_JAR = edgeJar();

  /**
   * The real HTTP routes (local-server's shaded jar), used together with the real edge; {@code
   * -Drendezvous.nat.httpJar=none} keeps the test server's HTTP routes.
   */
  private static final String HTTP_JAR =
      builtJar("rendezvous.nat.httpJar", "local-server/target/rendezvous-local-server.jar");

  private static String builtJar(String property, String relative) {
    String given = System.getProperty(property, "");
    if (given.equals("none")) {
      return "";
    }
    if (!given.isBlank()) {
      return given;
    }
    Path built = Path.of(System.getProperty("rendezvous.root", ".."), relative).toAbsolutePath();
    return Files.isRegularFile(built) ? built.toString() : "";
  }

  /** {@code env <AWS settings for dynalite> <command...>}. */
  private static List<String> withAwsEnv(String dynamo, List<String> command) {
    List<String> out =
        new ArrayList<>(
            List.of(
                "env",
                "AWS_ENDPOINT_URL_DYNAMODB=" + dynamo,
                "AWS_REGION=us-east-1",
                "AWS_ACCESS_KEY_ID=local",
                "AWS_SECRET_ACCESS_KEY=local"));
    out.addAll(command);
    return out;
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String edgeJar() {
    return builtJar("rendezvous.nat.edgeJar", "udp-edge/target/rendezvous-udp-edge.jar");
  }

  private static final List<ChildProcess> EDGES = new ArrayList<>();
  private static ChildProcess dynalite;
  static ChildProcess server;
  private static boolean topologyUp;

  private static void start() throws Exception {
    Path root = Path.of(System.getProperty("rendezvous.root", "..")).toAbsolutePath();
    Path dynaliteScript = root.resolve("tools/dynalite-server.js");
    if (!Files.isDirectory(root.resolve("node_modules/dynalite"))) {
      throw new IllegalStateException("dynalite is not installed: run 'npm ci' in " + root);
    }
    topology("up");
    topologyUp = true;
    // If the test JVM is killed, still remove the namespaces (and what runs in them).
    Runtime.getRuntime().addShutdownHook(new Thread(NatLab::tearDownQuietly));
    // The public namespace runs what the real stack runs: dynalite, the HTTP routes, the edge.
    dynalite =
        new ChildProcess(
            "dynalite",
            PREFIX + "pub",
            List.of("node", dynaliteScript.toString(), "--host", "127.0.0.1", "--port", "0"));
    String ready = dynalite.expect("{", START);
    String port = ready.replaceAll("^.*\"port\"\\s*:\\s*(\\d+).*$", "$1");
    String dynamo = "http://127.0.0.1:" + port;
    System.out.println(
        "NAT test: pulses go to "
            + (EDGE_JAR.isBlank() ? "the test server's UDP edge" : "the real edge " + EDGE_JAR)
            + "; HTTP: "
            + (!EDGE_JAR.isBlank() && !HTTP_JAR.isBlank()
                ? "the real local server " + HTTP_JAR
                : "the test server"));
    if (!EDGE_JAR.isBlank() && !HTTP_JAR.isBlank()) {
      // The real stack: the table as ./run-local creates it, then local-server's HTTP routes.
      ChildProcess table =
          new ChildProcess(
              "table",
              PREFIX + "pub",
              withAwsEnv(
                  dynamo,
                  List.of(
                      javaBin(), "-cp", HTTP_JAR, "dev.rendezvous.store.dynamodb.TableBootstrap")));
      table.expect("created table", START);
      table.close();
      server =
          new ChildProcess(
              "http",
              PREFIX + "pub",
              withAwsEnv(
                  dynamo,
                  List.of(
                      "RENDEZVOUS_HTTP_PORT=5025",
                      "RENDEZVOUS_BIND_ADDRESS=" + SERVER_IP,
                      javaBin(),
                      "-XX:TieredStopAtLevel=1",
                      "-jar",
                      HTTP_JAR)));
      server.expectContaining("rendezvous HTTP API listening", START);
    } else {
      server =
          ChildProcess.java(
              "server",
              PREFIX + "pub",
              "dev.rendezvous.client.testserver.TestRendezvousServer",
              List.of(
                  "--bind",
                  SERVER_IP,
                  "--http",
                  "5025",
                  "--udp",
                  EDGE_JAR.isBlank() ? "5024,5026" : "none",
                  "--dynamodb",
                  dynamo));
      server.expect("READY", START);
    }
    if (!EDGE_JAR.isBlank()) {
      // The real edge (udp-edge's shaded jar), one process per port: main 5024, probe 5026.
      for (String udp : List.of("5024", "5026")) {
        ChildProcess edge =
            new ChildProcess(
                "edge-" + udp,
                PREFIX + "pub",
                withAwsEnv(
                    dynamo,
                    List.of(
                        "RENDEZVOUS_UDP_PORT=" + udp,
                        "RENDEZVOUS_HEALTH_PORT=1" + udp,
                        "RENDEZVOUS_INTERNAL_PORT=2" + udp,
                        "RENDEZVOUS_BIND_ADDRESS=::", // dual-stack, as the AWS stack runs it
                        "RENDEZVOUS_CLOUDWATCH_METRICS=false",
                        javaBin(),
                        "-jar",
                        EDGE_JAR)));
        EDGES.add(edge);
        edge.expectContaining("edge_started", START);
      }
      warmUpEdges();
    }
  }

  /**
   * The real edge's first storage calls on a cold JVM can exceed its storage timeout; a throwaway
   * peer pulses both ports until they answer, so the tests measure punching, not JIT warm-up.
   */
  private static void warmUpEdges() throws Exception {
    try (ChildProcess warm = peer("a")) {
      warm.expect("NAT ", START);
    }
  }

  private static synchronized void tearDownQuietly() {
    try {
      tearDown();
    } catch (Exception e) {
      System.err.println("NAT test teardown: " + e.getMessage());
    }
  }

  static synchronized void tearDown() throws Exception {
    if (server != null) {
      server.close();
    }
    EDGES.forEach(ChildProcess::close);
    if (dynalite != null) {
      dynalite.close();
    }
    if (topologyUp) {
      topologyUp = false;
      topology("down");
    }
  }

  static ChildProcess peer(String side) throws IOException {
    return peer(side, SERVER_IP, "exchange");
  }

  /** A peer in namespace peer-{@code side} that pulses the edges at {@code edgeHost}. */
  static ChildProcess peer(String side, String edgeHost, String mode) throws IOException {
    return peer(side, edgeHost, mode, List.of());
  }

  /** The same, also pulsing the edge at {@code secondEdgeHost} (the other address family). */
  static ChildProcess peer(String side, String edgeHost, String mode, String secondEdgeHost)
      throws IOException {
    return peer(side, edgeHost, mode, List.of(secondEdgeHost));
  }

  private static ChildProcess peer(String side, String edgeHost, String mode, List<String> more)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "http://" + SERVER_IP + ":5025",
                edgeHost,
                "5024",
                "5026",
                side,
                Integer.toString(PUNCH_TIMEOUT_SECONDS),
                mode));
    args.addAll(more);
    return ChildProcess.java(
        "peer-" + side, PREFIX + "peer-" + side, "dev.rendezvous.client.nat.NatPeerMain", args);
  }

  static boolean realEdge() {
    return !EDGE_JAR.isBlank();
  }

  /** The real edge and the real HTTP routes (local-server's jar) both run. */
  static boolean realStack() {
    return !EDGE_JAR.isBlank() && !HTTP_JAR.isBlank();
  }

  /** The source addresses the server recorded for a client ("host:port"). */
  static List<String> pulsesOf(String clientId) {
    List<String> out = new ArrayList<>();
    for (String line : server.transcript()) {
      String[] f = line.split(" ", -1);
      if (f.length >= 3 && f[0].equals("PULSE") && f[1].equals(clientId)) {
        out.add(f[2]);
      }
    }
    return out;
  }

  static void topology(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("NS_PREFIX", PREFIX);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("nat-topology.sh " + String.join(" ", args) + ": " + output);
    }
  }

  private static boolean isRoot() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("id", "-u").start();
    String uid = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    return p.waitFor() == 0 && uid.equals("0");
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":", -1)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", tool))
        || Files.isExecutable(Path.of("/sbin", tool));
  }
}
