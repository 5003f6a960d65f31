package dev.rendezvous.bench;

import dev.rendezvous.core.directory.memory.InMemoryDirectory;
import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.edge.Edge;
import dev.rendezvous.edge.EdgeServer;
import dev.rendezvous.edge.EdgeSettings;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
import dev.rendezvous.protocol.v2.ChallengeNonce;
import dev.rendezvous.protocol.v2.PulseV2ChallengeCodec;
import dev.rendezvous.protocol.v2.PulseV2ReplyCodec;
import dev.rendezvous.protocol.v2.PulseV2RequestCodec;
import dev.rendezvous.store.dynamodb.ClientTable;
import dev.rendezvous.store.dynamodb.DynamoClientFactory;
import dev.rendezvous.store.dynamodb.DynamoClientRegistry;
import dev.rendezvous.store.dynamodb.DynamoLiveDirectory;
import dev.rendezvous.store.dynamodb.DynamoStoreSettings;
import dev.rendezvous.store.dynamodb.testing.DynaliteProcess;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The UDP edge benchmark, in one run: (a) a raw Netty UDP echo of 32-byte requests with 4-byte
 * replies on the same bootstrap as the edge (the ceiling), (b) the edge with the in-memory store
 * (v1 and v2), (c) the edge with dynalite. Loopback only, bounded in time; prints a Markdown table.
 *
 * <p>Options: {@code --warm-up-seconds N} (3), {@code --measure-seconds N} (10), {@code --slots N}
 * (64, sockets with one request in flight each), {@code --dynalite-slots N} (16), {@code
 * --server-threads N} (2), {@code --rounds N} (3), {@code --skip-dynalite}.
 */
public final class EdgeBench {
  private static final Clock CLOCK = Clock.systemUTC();

  private EdgeBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    Duration warmUp = Duration.ofSeconds(Long.parseLong(opts.getOrDefault("warm-up-seconds", "3")));
    Duration measure =
        Duration.ofSeconds(Long.parseLong(opts.getOrDefault("measure-seconds", "10")));
    int slots = Integer.parseInt(opts.getOrDefault("slots", "64"));
    int dynaliteSlots = Integer.parseInt(opts.getOrDefault("dynalite-slots", "16"));
    int threads = Integer.parseInt(opts.getOrDefault("server-threads", "2"));

    int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));

    // The machine is shared and noisy: alternate the scenarios round by round and report the
    // median round of each, and the median of the per-round (b)/(a) ratios.
    List<List<Row>> byScenario = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    List<Double> ratios = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      Row a = echo(threads, slots, warmUp, measure);
      Row b = edgeInMemory(threads, slots, warmUp, measure, false);
      Row b2 = edgeInMemory(threads, slots, warmUp, measure, true);
      byScenario.get(0).add(a);
      byScenario.get(1).add(b);
      byScenario.get(2).add(b2);
      ratios.add(b.result().perSecond() / a.result().perSecond());
      System.out.printf(
          Locale.ROOT,
          "round %d: (a) %.0f/s, (b) %.0f/s, (b2) %.0f/s, (b)/(a) %.1f %%%n",
          round + 1,
          a.result().perSecond(),
          b.result().perSecond(),
          b2.result().perSecond(),
          100 * ratios.get(round));
    }
    List<Row> rows = new ArrayList<>();
    for (List<Row> runs : byScenario) {
      if (!runs.isEmpty()) {
        rows.add(median(runs));
      }
    }
    if (!opts.containsKey("skip-dynalite")) {
      rows.add(edgeOnDynalite(threads, dynaliteSlots, warmUp, measure));
    }
    ratios.sort(null);
    double ratio = ratios.isEmpty() ? Double.NaN : ratios.get(ratios.size() / 2);
    System.out.println(report(rows, ratio, rounds, threads, warmUp, measure));
  }

  private static Row echo(int threads, int slots, Duration warmUp, Duration measure)
      throws InterruptedException {
    byte[] request = new byte[32];
    Arrays.fill(request, (byte) 7);
    EdgeServer server = EdgeServer.start("127.0.0.1", 0, threads, loops -> new EchoHandler());
    server.startReading();
    try {
      ThroughputDriver.Result r =
          new ThroughputDriver(slots, i -> request, b -> b.length == 4, Duration.ofMillis(200))
              .run(server.port(), warmUp, measure);
      return new Row(
          "(a) raw Netty UDP echo, 32 B -> 4 B (" + server.transport() + ")", slots, r, "-");
    } finally {
      server.close();
    }
  }

  private static Row edgeInMemory(
      int threads, int slots, Duration warmUp, Duration measure, boolean v2) throws Exception {
    EdgeSettings settings = settings(threads);
    InMemoryDirectory store =
        new InMemoryDirectory(new LivenessRules(settings.shared().timings()), CLOCK);
    CountingDirectory counting = new CountingDirectory(store.live());
    List<ClientCredentials> clients = register(store, slots);
    try (Edge edge = Edge.start(settings, counting, CLOCK)) {
      ThroughputDriver.Result r = drive(edge, clients, v2, warmUp, measure, Duration.ofMillis(200));
      long accepted = edge.metrics().replies(ResponseCode.ACCEPTED);
      String perPulse =
          String.format(
              Locale.ROOT,
              "%.3f writes, %.4f reads",
              counting.writes.sum() / (double) accepted,
              counting.reads.sum() / (double) accepted);
      String name =
          v2
              ? "(b2) edge, in-memory store, v2 60 B -> 52 B (MAC check + signed reply)"
              : "(b) edge, in-memory store, v1 32 B -> 4 B";
      return new Row(name, slots, r, perPulse);
    }
  }

  private static Row edgeOnDynalite(int threads, int slots, Duration warmUp, Duration measure)
      throws Exception {
    DynamoOperationCounter ops = new DynamoOperationCounter();
    try (DynaliteProcess dynalite = DynaliteProcess.start();
        DynamoDbClient sync =
            DynamoClientFactory.forLocalEndpoint(dynalite.endpoint()).syncClient();
        DynamoDbAsyncClient async = CheckpointWrites.asyncClient(dynalite, ops)) {
      EdgeSettings settings = settings(threads);
      sync.createTable(ClientTable.createTableRequest("bench-clients"));
      DynamoStoreSettings store = DynamoStoreSettings.forTable("bench-clients");
      LivenessRules rules = new LivenessRules(settings.shared().timings());
      List<ClientCredentials> clients =
          register(new DynamoClientRegistry(sync, store, rules, CLOCK), slots);
      try (Edge edge =
          Edge.start(settings, new DynamoLiveDirectory(async, store, rules, CLOCK), CLOCK)) {
        ThroughputDriver.Result r =
            drive(edge, clients, false, warmUp, measure, Duration.ofSeconds(2));
        long accepted = edge.metrics().replies(ResponseCode.ACCEPTED);
        String perPulse =
            String.format(
                Locale.ROOT,
                "%.3f writes (UpdateItem), %.3f reads (GetItem)",
                ops.count("UpdateItem") / (double) accepted,
                ops.count("GetItem") / (double) accepted);
        return new Row("(c) edge, dynalite store, v1 32 B -> 4 B", slots, r, perPulse);
      }
    }
  }

  private static ThroughputDriver.Result drive(
      Edge edge,
      List<ClientCredentials> clients,
      boolean v2,
      Duration warmUp,
      Duration measure,
      Duration lossTimeout)
      throws InterruptedException {
    if (!v2) {
      byte[][] keys = clients.stream().map(c -> c.privateKey().toBytes()).toArray(byte[][]::new);
      return new ThroughputDriver(
              keys.length,
              i -> keys[i],
              b -> b.length == 4 && PulseV1ReplyCodec.decode(b) == ResponseCode.ACCEPTED,
              lossTimeout)
          .run(edge.udpPort(), warmUp, measure);
    }
    long[] counters = new long[clients.size()];
    Arrays.fill(counters, CLOCK.millis());
    // Each client's first pulse at the edge is challenged (fresh proof): the next one answers it.
    ChallengeNonce[] nonces = new ChallengeNonce[clients.size()];
    Arrays.fill(nonces, ChallengeNonce.none());
    return new ThroughputDriver(
            clients.size(),
            i -> {
              ClientCredentials c = clients.get(i);
              return PulseV2RequestCodec.encode(
                  c.clientId(), ++counters[i], c.privateKey().pulseMacKey(), false, nonces[i]);
            },
            b ->
                b.length == PulseV2ReplyCodec.LENGTH
                    && b[4] == 0
                    && b[5] == 0
                    && b[6] == 0x03
                    && b[7] == (byte) 0xfc,
            lossTimeout,
            (i, reply) -> {
              if (PulseV2ChallengeCodec.looksLikeChallenge(reply)) {
                nonces[i] =
                    PulseV2ChallengeCodec.decode(reply, clients.get(i).privateKey().pulseMacKey())
                        .nonce();
              }
            })
        .run(edge.udpPort(), warmUp, measure);
  }

  private static Row median(List<Row> runs) {
    List<Row> sorted = new ArrayList<>(runs);
    sorted.sort(java.util.Comparator.comparingDouble(r -> r.result().perSecond()));
    return sorted.get(sorted.size() / 2);
  }

  private static List<ClientCredentials> register(ClientRegistry registry, int n) {
    CredentialFactory factory = new CredentialFactory();
    List<ClientCredentials> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ClientCredentials c = factory.issue();
      registry.register(c);
      out.add(c);
    }
    return out;
  }

  private static EdgeSettings settings(int threads) {
    Map<String, String> env = UdpTargets.loopbackEnvironment(threads);
    env.put("RENDEZVOUS_EDGE_STORAGE_TIMEOUT_MILLIS", "5000");
    return EdgeSettings.fromEnvironment(env);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      String name = args[i].substring(2);
      if (name.equals("skip-dynalite")) {
        out.put(name, "true");
      } else {
        out.put(name, args[++i]);
      }
    }
    return out;
  }

  private record Row(
      String name, int slots, ThroughputDriver.Result result, String storagePerPulse) {}

  private static String report(
      List<Row> rows, double ratio, int rounds, int threads, Duration warmUp, Duration measure) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Edge benchmark: %d server event loops, closed loop with N sockets (1 request in flight"
                + " each), warm-up %d s, measured %d s, loopback, %d cores; (a), (b), (b2): median"
                + " of %d alternating rounds.%n%n",
            threads,
            warmUp.toSeconds(),
            measure.toSeconds(),
            Runtime.getRuntime().availableProcessors(),
            rounds));
    out.append(
        "| scenario | N | pulses/s | p50 µs | p99 µs | lost | CPU µs/pulse | storage calls per accepted pulse |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (Row row : rows) {
      ThroughputDriver.Result r = row.result();
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %,.0f | %.0f | %.0f | %d | %.0f | %s |%n",
              row.name(),
              row.slots(),
              r.perSecond(),
              r.latencies().percentileMicros(50),
              r.latencies().percentileMicros(99),
              r.lost() + r.badReplies(),
              r.cpuMicrosPerReply(),
              row.storagePerPulse()));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%n(b)/(a) = %.1f %% (median of the per-round ratios; goal >= 70 %%)%n",
            100.0 * ratio));
    return out.toString();
  }
}
