package dev.rendezvous.bench;

import dev.rendezvous.core.directory.memory.InMemoryDirectory;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.edge.Edge;
import dev.rendezvous.edge.EdgeServer;
import dev.rendezvous.edge.EdgeSettings;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * The Java targets of the C load generator ({@code bench/c/udpblast.c}), in one process: a raw
 * Netty UDP echo on the edge's own bootstrap, and the real edge on the in-memory directory with N
 * registered clients whose v1 keys it writes to a key file. Driven from its standard input, one
 * command a line, so that a script can alternate the subjects round by round (bench/run-udpblast):
 *
 * <ul>
 *   <li>{@code stats}: accepted pulses and directory calls so far (client-item writes and reads);
 *   <li>{@code memory}: heap per (client, family) owned by the edge: used heap after full
 *       collections with the edge up and owning its clients, minus the same after the edge closed
 *       and minus the empty edge's own overhead measured at start (run with {@code
 *       -XX:+UseSerialGC} so the figures are live data);
 *   <li>{@code quit} (or end of input): closes everything.
 * </ul>
 *
 * <p>Options: {@code --clients N} (1024), {@code --threads N} (1, event loops of each server),
 * {@code --keys FILE} (where the v1 keys go, one 64-hex line each), {@code --interval-seconds N}
 * (30; registering a million clients takes longer than a window, so the memory run sets it long
 * enough that no client turns PENDING before its first pulse).
 */
public final class UdpTargets {
  private static final Clock CLOCK = Clock.systemUTC();

  private UdpTargets() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    int clients = Integer.parseInt(opts.getOrDefault("clients", "1024"));
    int threads = Integer.parseInt(opts.getOrDefault("threads", "1"));
    Path keys = Path.of(opts.getOrDefault("keys", "target/udpblast-keys.txt"));
    String interval = opts.getOrDefault("interval-seconds", "30");

    EdgeSettings settings = settings(threads, interval);
    InMemoryDirectory store =
        new InMemoryDirectory(new LivenessRules(settings.shared().timings()), CLOCK);
    writeKeys(store, clients, keys);
    long beforeEdge = usedHeapAfterGc();
    CountingDirectory counting = new CountingDirectory(store.live());
    EdgeServer echo = EdgeServer.start("127.0.0.1", 0, threads, loops -> new EchoHandler());
    echo.startReading();
    Edge edge = Edge.start(settings, counting, CLOCK);
    long emptyEdge = usedHeapAfterGc() - beforeEdge;
    System.out.printf(
        Locale.ROOT,
        "netty-echo %d%nedge %d%nkeys %s (%d clients)%nready%n",
        echo.port(),
        edge.udpPort(),
        keys.toAbsolutePath(),
        clients);
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        switch (line.trim()) {
          case "stats" -> {
            if (edge != null) {
              stats(edge, counting);
            }
          }
          case "memory" -> {
            int owned = edge.liveEntries();
            long withClients = usedHeapAfterGc();
            edge.close();
            edge = null; // nothing may keep the closed edge's tables reachable
            memory(owned, withClients, emptyEdge);
          }
          case "quit" -> {
            return;
          }
          default -> System.out.println("unknown command " + line);
        }
        System.out.flush();
      }
    } finally {
      if (edge != null) {
        edge.close();
      }
      echo.close();
    }
  }

  private static void stats(Edge edge, CountingDirectory counting) {
    long accepted = edge.metrics().replies(ResponseCode.ACCEPTED);
    System.out.printf(
        Locale.ROOT,
        "stats accepted=%d owned=%d writes=%d reads=%d heartbeats=%d writes_per_accepted=%.6f%n",
        accepted,
        edge.liveEntries(),
        counting.writes.sum(),
        counting.reads.sum(),
        counting.heartbeats.sum(),
        counting.writes.sum() / (double) Math.max(1, accepted));
  }

  private static void memory(int owned, long withClients, long emptyEdge) {
    long closed = usedHeapAfterGc();
    long perClients = withClients - closed - emptyEdge;
    System.out.printf(
        Locale.ROOT,
        "memory owned=%d edge_with_clients_bytes=%d empty_edge_bytes=%d"
            + " per_entry_bytes=%.1f%n",
        owned,
        withClients - closed,
        emptyEdge,
        perClients / (double) Math.max(1, owned));
  }

  private static void writeKeys(InMemoryDirectory store, int n, Path file) throws Exception {
    CredentialFactory factory = new CredentialFactory();
    HexFormat hex = HexFormat.of();
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      for (int i = 0; i < n; i++) {
        ClientCredentials c = factory.issue();
        store.register(c);
        out.println(hex.formatHex(c.privateKey().toBytes()));
      }
    }
  }

  /** The defaults, except: loopback, ephemeral ports, and no per-source limit (one host). */
  private static EdgeSettings settings(int threads, String intervalSeconds) {
    Map<String, String> env = loopbackEnvironment(threads);
    env.put("RENDEZVOUS_PULSE_INTERVAL_SECONDS", intervalSeconds);
    return EdgeSettings.fromEnvironment(env);
  }

  /**
   * The environment of an edge on loopback with ephemeral ports and {@code threads} threads, with
   * the per-source and per-client limits lifted: one host sends everything here.
   */
  static Map<String, String> loopbackEnvironment(int threads) {
    Map<String, String> env = new HashMap<>();
    env.put("RENDEZVOUS_UDP_PORT", "0");
    env.put("RENDEZVOUS_HEALTH_PORT", "0");
    env.put("RENDEZVOUS_INTERNAL_PORT", "0");
    env.put("RENDEZVOUS_BIND_ADDRESS", "127.0.0.1");
    env.put("RENDEZVOUS_EDGE_THREADS", Integer.toString(threads));
    env.put("RENDEZVOUS_EDGE_SOURCE_RATE_PER_SECOND", "1e9");
    env.put("RENDEZVOUS_EDGE_SOURCE_BURST", "1e9");
    env.put("RENDEZVOUS_EDGE_CLIENT_RATE_PER_SECOND", "1e9");
    env.put("RENDEZVOUS_EDGE_CLIENT_BURST", "1e9");
    return env;
  }

  static long usedHeapAfterGc() {
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      out.put(args[i].substring(2), args[i + 1]);
    }
    return out;
  }
}
