package dev.rendezvous.client.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two SDK clients behind two real Linux NATs (network namespaces, nftables masquerade, unsolicited
 * inbound dropped) register, pulse, look each other up, punch and exchange data through a real
 * rendezvous server in the "public" namespace, which keeps its clients in dynalite through the real
 * DynamoDB store. Needs root and nftables; skips with a message otherwise. The topology is built by
 * src/test/nat/nat-topology.sh and always torn down.
 */
@Tag("nat")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NatTraversalTest {
  private static final Path SCRIPT = Path.of("src/test/nat/nat-topology.sh").toAbsolutePath();
  private static final String PREFIX = "rzt" + ProcessHandle.current().pid() + "-";
  private static final String SERVER_IP = "203.0.113.1";
  private static final Duration START = Duration.ofSeconds(60);
  private static final int PUNCH_TIMEOUT_SECONDS = 12; // generous: CI machines are busy

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
  private static ChildProcess server;
  private static boolean topologyUp;

  @BeforeAll
  static void buildTopology() throws Exception {
    Assumptions.assumeTrue(
        isRoot(), "NAT traversal test skipped: it must run as root (network namespaces, nftables)");
    Assumptions.assumeTrue(
        onPath("nft"), "NAT traversal test skipped: nft not found (apt-get install -y nftables)");
    Assumptions.assumeTrue(onPath("ip"), "NAT traversal test skipped: iproute2 (ip) not found");
    Path root = Path.of(System.getProperty("rendezvous.root", "..")).toAbsolutePath();
    Path dynaliteScript = root.resolve("tools/dynalite-server.js");
    if (!Files.isDirectory(root.resolve("node_modules/dynalite"))) {
      throw new IllegalStateException("dynalite is not installed: run 'npm ci' in " + root);
    }
    topology("up");
    topologyUp = true;
    // If the test JVM is killed, still remove the namespaces (and what runs in them).
    Runtime.getRuntime().addShutdownHook(new Thread(NatTraversalTest::tearDownQuietly));
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
                        "RENDEZVOUS_BIND_ADDRESS=" + SERVER_IP,
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

  @AfterAll
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

  @Test
  @Order(1)
  void peersBehindTwoConeNatsPunchAndTalkBothWays() throws Exception {
    try (ChildProcess a = peer("a");
        ChildProcess b = peer("b")) {
      String idA = a.expect("ID ", START).substring(3);
      String idB = b.expect("ID ", START).substring(3);
      assertThat(a.expect("MAPPING ", START)).startsWith("MAPPING 203.0.113.10:");
      assertThat(b.expect("MAPPING ", START)).startsWith("MAPPING 203.0.113.20:");
      assertThat(a.expect("NAT ", START)).startsWith("NAT ENDPOINT_INDEPENDENT");
      assertThat(b.expect("NAT ", START)).startsWith("NAT ENDPOINT_INDEPENDENT");

      a.send("PEER " + idB);
      b.send("PEER " + idA);
      assertThat(a.expect("PEERADDR ", START)).startsWith("PEERADDR 203.0.113.20:");
      assertThat(b.expect("PEERADDR ", START)).startsWith("PEERADDR 203.0.113.10:");
      String okA = a.expect("PUNCH ", START);
      String okB = b.expect("PUNCH ", START);
      System.out.println("NAT test, cone/cone: A " + okA + "; B " + okB);
      assertThat(okA).startsWith("PUNCH OK").contains("remote=203.0.113.20:");
      assertThat(okB).startsWith("PUNCH OK").contains("remote=203.0.113.10:");
      assertThat(a.expect("RECV", START)).isEqualTo("RECV hello from b");
      assertThat(b.expect("RECV", START)).isEqualTo("RECV hello from a");
      a.expect("DONE", START);
      b.expect("DONE", START);

      // what the service recorded: the NATs' public addresses, never the private ones
      // (PEERADDR above came from the store through HTTP; with the test edge, check every pulse)
      if (EDGE_JAR.isBlank()) {
        assertThat(pulsesOf(idA)).isNotEmpty().allMatch(s -> s.startsWith("203.0.113.10:"));
        assertThat(pulsesOf(idB)).isNotEmpty().allMatch(s -> s.startsWith("203.0.113.20:"));
      }
      assertThat(server.transcript()).noneMatch(l -> l.contains(" 10.0."));
    }
  }

  @Test
  @Order(2)
  void aNatThatRemapsPortsButKeepsOneMappingPerSocketStillPunches() throws Exception {
    topology("mode", "b", "cone-remap"); // masquerade to ports 20000-29999, endpoint-independent
    ChildProcess a = peer("a");
    ChildProcess b = peer("b");
    try {
      String idA = a.expect("ID ", START).substring(3);
      String idB = b.expect("ID ", START).substring(3);
      String mappingB = b.expect("MAPPING ", START);
      int portB = Integer.parseInt(mappingB.substring(mappingB.lastIndexOf(':') + 1));
      assertThat(portB).isBetween(20000, 29999);
      assertThat(b.expect("NAT ", START)).startsWith("NAT ENDPOINT_INDEPENDENT");
      // Each peer looks the other up as soon as it reads PEER: both must have pulsed by then
      // (MAPPING follows the first accepted pulse), or the lookup is rightly answered 404.
      a.expect("MAPPING ", START);
      a.expect("NAT ", START);
      a.send("PEER " + idB);
      b.send("PEER " + idA);
      assertThat(a.expect("PUNCH ", START))
          .startsWith("PUNCH OK")
          .contains("remote=203.0.113.20:" + portB);
      assertThat(b.expect("PUNCH ", START)).startsWith("PUNCH OK");
      assertThat(a.expect("RECV", START)).isEqualTo("RECV hello from b");
      assertThat(b.expect("RECV", START)).isEqualTo("RECV hello from a");
    } finally {
      a.close();
      b.close();
      System.out.println("cone-remap: peer a " + a.transcript() + "\n  peer b " + b.transcript());
      topology("mode", "b", "cone");
    }
  }

  @Test
  @Order(3)
  void aSymmetricNatMakesThePunchFailWithTheReasonInsteadOfHanging() throws Exception {
    topology("mode", "a", "symmetric");
    try (ChildProcess a = peer("a");
        ChildProcess b = peer("b")) {
      String idA = a.expect("ID ", START).substring(3);
      String idB = b.expect("ID ", START).substring(3);
      assertThat(a.expect("NAT ", START)).startsWith("NAT ADDRESS_DEPENDENT 203.0.113.10:");
      assertThat(b.expect("NAT ", START)).startsWith("NAT ENDPOINT_INDEPENDENT");
      long start = System.nanoTime();
      a.send("PEER " + idB);
      b.send("PEER " + idA);
      String failA = a.expect("PUNCH ", START);
      String failB = b.expect("PUNCH ", START);
      long tookSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      assertThat(failA).startsWith("PUNCH FAIL MAPPING_ADDRESS_DEPENDENT");
      assertThat(failB).startsWith("PUNCH FAIL NO_REPLY");
      assertThat(tookSeconds).isLessThan(PUNCH_TIMEOUT_SECONDS + 10);
      if (EDGE_JAR.isBlank()) {
        assertThat(pulsesOf(idA)).isNotEmpty().allMatch(s -> s.startsWith("203.0.113.10:"));
      }
    } finally {
      topology("mode", "a", "cone");
    }
  }

  @Test
  @Order(4)
  void oneSidedCallThroughTheRealStackOnlyTheCallerStarts() throws Exception {
    assumeRealStack();
    try (ChildProcess a = peer("a");
        ChildProcess b = peer("b")) {
      a.expect("NAT ", START);
      String idB = b.expect("ID ", START).substring(3);
      b.expect("NAT ", START);
      b.send("LISTEN");
      a.send("CALL " + idB);
      String okA = a.expect("CALL ", START);
      assertThat(b.expect("RUNG ", START)).startsWith("RUNG ");
      String okB = b.expect("CALL ", START);
      assertThat(okA).startsWith("CALL OK").contains("remote=203.0.113.20:");
      assertThat(okB).startsWith("CALL OK").contains("remote=203.0.113.10:");
      String firstByte = a.expect("FIRSTBYTE ", START);
      System.out.println(
          "NAT test, one-sided call, cone/cone: A "
              + okA
              + "; B "
              + okB
              + "; from A's call to A's first data byte: "
              + firstByte.substring(10)
              + " ms");
      assertThat(a.expect("RECV", START)).isEqualTo("RECV hello from b");
      assertThat(b.expect("RECV", START)).isEqualTo("RECV hello from a");
    }
  }

  @Test
  @Order(5)
  void aCalleeBehindASymmetricNatReportsItInsteadOfHanging() throws Exception {
    assumeRealStack();
    topology("mode", "a", "symmetric");
    try (ChildProcess a = peer("a");
        ChildProcess b = peer("b")) {
      String idA = a.expect("ID ", START).substring(3);
      assertThat(a.expect("NAT ", START)).startsWith("NAT ADDRESS_DEPENDENT 203.0.113.10:");
      b.expect("NAT ", START);
      a.send("LISTEN");
      b.send("CALL " + idA);
      String failB = b.expect("CALL ", START);
      assertThat(a.expect("RUNG ", START)).as("the push reaches it anyway").startsWith("RUNG ");
      String failA = a.expect("CALL ", START);
      System.out.println(
          "NAT test, one-sided call to a symmetric NAT: A " + failA + "; B " + failB);
      assertThat(failA).startsWith("CALL FAIL MAPPING_ADDRESS_DEPENDENT");
      assertThat(failB).startsWith("CALL FAIL NO_REPLY");
    } finally {
      topology("mode", "a", "cone");
    }
  }

  /**
   * Not a test but the harness behind docs/benchmarks.md ("Time to connect"), skipped unless {@code
   * -Drendezvous.nat.connectRounds=N}: N rounds, each a two-sided punch and a one-sided call
   * between fresh peers behind the two cone NATs; prints each round's time from the command to peer
   * A's first data byte, and the medians.
   */
  @Test
  @Order(6)
  void timeToConnectOneSidedAgainstTwoSided() throws Exception {
    int rounds = Integer.getInteger("rendezvous.nat.connectRounds", 0);
    Assumptions.assumeTrue(rounds > 0, "set -Drendezvous.nat.connectRounds=N to measure");
    assumeRealStack();
    List<Long> one = new ArrayList<>();
    List<Long> two = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      try (ChildProcess a = peer("a");
          ChildProcess b = peer("b")) {
        String idA = a.expect("ID ", START).substring(3);
        String idB = b.expect("ID ", START).substring(3);
        a.expect("NAT ", START);
        b.expect("NAT ", START);
        a.send("PEER " + idB);
        b.send("PEER " + idA);
        two.add(Long.parseLong(a.expect("FIRSTBYTE ", START).substring(10)));
      }
      try (ChildProcess a = peer("a");
          ChildProcess b = peer("b")) {
        a.expect("NAT ", START);
        String idB = b.expect("ID ", START).substring(3);
        b.expect("NAT ", START);
        b.send("LISTEN");
        a.send("CALL " + idB);
        one.add(Long.parseLong(a.expect("FIRSTBYTE ", START).substring(10)));
      }
      System.out.printf(
          "NAT connect round %d: one-sided %d ms, two-sided %d ms%n",
          round, one.get(round - 1), two.get(round - 1));
    }
    long m1 = median(one);
    long m2 = median(two);
    System.out.printf(
        "NAT connect, median of %d rounds: one-sided (call, push) %d ms, two-sided (lookup,"
            + " punch) %d ms, ratio %.2f%n",
        rounds, m1, m2, (double) m1 / m2);
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    java.util.Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static void assumeRealStack() {
    Assumptions.assumeTrue(
        !EDGE_JAR.isBlank() && !HTTP_JAR.isBlank(),
        "one-sided calls need the real edge and HTTP routes (their jars were not built)");
  }

  private static ChildProcess peer(String side) throws IOException {
    return ChildProcess.java(
        "peer-" + side,
        PREFIX + "peer-" + side,
        "dev.rendezvous.client.nat.NatPeerMain",
        List.of(
            "http://" + SERVER_IP + ":5025",
            SERVER_IP,
            "5024",
            "5026",
            side,
            Integer.toString(PUNCH_TIMEOUT_SECONDS)));
  }

  /** The source addresses the server recorded for a client ("host:port"). */
  private static List<String> pulsesOf(String clientId) {
    List<String> out = new ArrayList<>();
    for (String line : server.transcript()) {
      String[] f = line.split(" ", -1);
      if (f.length >= 3 && f[0].equals("PULSE") && f[1].equals(clientId)) {
        out.add(f[2]);
      }
    }
    return out;
  }

  private static void topology(String... args) throws IOException, InterruptedException {
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
