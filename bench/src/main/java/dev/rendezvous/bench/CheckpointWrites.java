package dev.rendezvous.bench;

import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.edge.Edge;
import dev.rendezvous.edge.EdgeSettings;
import dev.rendezvous.edge.observe.EdgeMetrics;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.store.dynamodb.ClientTable;
import dev.rendezvous.store.dynamodb.DynamoClientFactory;
import dev.rendezvous.store.dynamodb.DynamoClientRegistry;
import dev.rendezvous.store.dynamodb.DynamoLiveDirectory;
import dev.rendezvous.store.dynamodb.DynamoStoreSettings;
import dev.rendezvous.store.dynamodb.testing.DynaliteProcess;
import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB writes per accepted pulse at steady state, counted at the storage client: the real edge
 * on dynalite through the real async SDK client (an {@link DynamoOperationCounter} interceptor),
 * the default settings except a shortened interval, and N clients that pulse open-loop at the same
 * fraction of the interval as real ones (25 s of 30 s), each from its own fixed source. The first
 * checkpoint period is warm-up (takeovers); then the counts of whole checkpoint periods are
 * compared with the pulses the edge accepted in them.
 *
 * <p>Options: {@code --clients N} (1000), {@code --interval-seconds N} (3), {@code
 * --checkpoint-intervals N} (the edge's default, 10), {@code --periods N} (4, measured checkpoint
 * periods).
 */
public final class CheckpointWrites {
  private static final Clock CLOCK = Clock.systemUTC();

  private CheckpointWrites() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = UdpTargets.options(args);
    int n = Integer.parseInt(opts.getOrDefault("clients", "1000"));
    int intervalSeconds = Integer.parseInt(opts.getOrDefault("interval-seconds", "3"));
    int periods = Integer.parseInt(opts.getOrDefault("periods", "4"));
    Map<String, String> env = new HashMap<>();
    env.put("RENDEZVOUS_UDP_PORT", "0");
    env.put("RENDEZVOUS_HEALTH_PORT", "0");
    env.put("RENDEZVOUS_INTERNAL_PORT", "0");
    env.put("RENDEZVOUS_BIND_ADDRESS", "127.0.0.1");
    env.put("RENDEZVOUS_PULSE_INTERVAL_SECONDS", Integer.toString(intervalSeconds));
    env.put("RENDEZVOUS_ERROR_TIME_SECONDS", Integer.toString(6 * intervalSeconds));
    // All clients share 127.0.0.1: lift the per-source limit that protects the edge from one host.
    env.put("RENDEZVOUS_EDGE_SOURCE_RATE_PER_SECOND", "1e9");
    env.put("RENDEZVOUS_EDGE_SOURCE_BURST", "1e9");
    if (opts.containsKey("checkpoint-intervals")) {
      env.put("RENDEZVOUS_CHECKPOINT_INTERVALS", opts.get("checkpoint-intervals"));
    }
    EdgeSettings settings = EdgeSettings.fromEnvironment(env);
    long intervalMillis = intervalSeconds * 1000L;
    long pulseMillis = intervalMillis * 25 / 30;
    long periodMillis = settings.checkpointIntervals() * intervalMillis;

    DynamoOperationCounter ops = new DynamoOperationCounter();
    try (DynaliteProcess dynalite = DynaliteProcess.start();
        DynamoDbClient sync =
            DynamoClientFactory.forLocalEndpoint(dynalite.endpoint()).syncClient();
        DynamoDbAsyncClient async = asyncClient(dynalite, ops)) {
      sync.createTable(ClientTable.createTableRequest("bench-clients"));
      DynamoStoreSettings store = DynamoStoreSettings.forTable("bench-clients");
      LivenessRules rules = new LivenessRules(settings.shared().timings());
      DynamoClientRegistry registry = new DynamoClientRegistry(sync, store, rules, CLOCK);
      try (Edge edge =
              Edge.start(settings, new DynamoLiveDirectory(async, store, rules, CLOCK), CLOCK);
          PulsingClients clients = new PulsingClients(edge.udpPort(), pulseMillis)) {
        // Each client pulses right after it registered, as an app does (a client that waited a
        // window before its first pulse would rightly be PENDING, one that waited a lifetime gone).
        CredentialFactory factory = new CredentialFactory();
        for (int i = 0; i < n; i++) {
          ClientCredentials c = factory.issue();
          registry.register(c);
          clients.add(c.privateKey().toBytes());
        }
        System.out.printf(
            Locale.ROOT,
            "%d clients, interval %d s, pulse every %d ms, checkpoint period %d ms (%d"
                + " intervals); warm-up 1.5 periods, then %d periods measured%n",
            n,
            intervalSeconds,
            pulseMillis,
            periodMillis,
            settings.checkpointIntervals(),
            periods);
        Thread.sleep(periodMillis * 3 / 2);
        Map<String, Long> before = ops.snapshot();
        long acceptedBefore = edge.metrics().replies(ResponseCode.ACCEPTED);
        long repliesBefore = clients.replies();
        Thread.sleep(periodMillis * periods);
        Map<String, Long> after = ops.snapshot();
        long accepted = edge.metrics().replies(ResponseCode.ACCEPTED) - acceptedBefore;
        long replies = clients.replies() - repliesBefore;
        report(before, after, accepted, replies, clients.sent(), pulseMillis, periodMillis);
        System.out.printf(
            Locale.ROOT,
            "edge, whole run: accepted %d, pending %d, unknown %d%n",
            edge.metrics().replies(ResponseCode.ACCEPTED),
            edge.metrics().replies(ResponseCode.PENDING),
            edge.metrics().replies(ResponseCode.UNKNOWN));
        for (String meter : List.of(EdgeMetrics.DIRECTORY_WRITES, EdgeMetrics.DROPS)) {
          for (Counter c : edge.registry().find(meter).counters()) {
            if (c.count() > 0) {
              System.out.printf(
                  Locale.ROOT, "  %s %s %.0f%n", meter, c.getId().getTags(), c.count());
            }
          }
        }
      }
    }
  }

  private static void report(
      Map<String, Long> before,
      Map<String, Long> after,
      long accepted,
      long replies,
      long sent,
      long pulseMillis,
      long periodMillis) {
    System.out.println("| DynamoDB call (measured window) | calls | per accepted pulse |");
    System.out.println("|---|---:|---:|");
    for (Map.Entry<String, Long> e : after.entrySet()) {
      long delta = e.getValue() - before.getOrDefault(e.getKey(), 0L);
      System.out.printf(
          Locale.ROOT, "| %s | %d | %.4f |%n", e.getKey(), delta, delta / (double) accepted);
    }
    long writes =
        delta(before, after, "UpdateItem client")
            + delta(before, after, "PutItem client")
            + delta(before, after, "DeleteItem client");
    System.out.printf(
        Locale.ROOT,
        "%naccepted pulses %d (replies seen by the clients %d, pulses sent %d in all)%n"
            + "client-item writes per accepted pulse: %.4f (formula pulse period / checkpoint"
            + " period = %d / %d = %.4f)%n",
        accepted,
        replies,
        sent,
        writes / (double) accepted,
        pulseMillis,
        periodMillis,
        pulseMillis / (double) periodMillis);
  }

  private static long delta(Map<String, Long> before, Map<String, Long> after, String name) {
    return after.getOrDefault(name, 0L) - before.getOrDefault(name, 0L);
  }

  static DynamoDbAsyncClient asyncClient(DynaliteProcess dynalite, DynamoOperationCounter ops) {
    return DynamoDbAsyncClient.builder()
        .endpointOverride(dynalite.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(NettyNioAsyncHttpClient.builder().maxConcurrency(256).build())
        .overrideConfiguration(
            ClientOverrideConfiguration.builder().addExecutionInterceptor(ops).build())
        .build();
  }
}
