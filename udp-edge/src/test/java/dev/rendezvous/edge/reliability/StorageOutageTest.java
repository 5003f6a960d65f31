package dev.rendezvous.edge.reliability;

import static dev.rendezvous.testkit.Await.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.registry.ClientSnapshot;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.edge.Edge;
import dev.rendezvous.edge.EdgeOnDynaliteTest;
import dev.rendezvous.edge.EdgeSettings;
import dev.rendezvous.edge.ThrottlingInterceptor;
import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.edge.reliability.PulsingClients.Client;
import dev.rendezvous.edge.reliability.PulsingClients.Reply;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.store.dynamodb.DynamoClientFactory;
import dev.rendezvous.store.dynamodb.DynamoClientRegistry;
import dev.rendezvous.store.dynamodb.DynamoPulseRecorder;
import dev.rendezvous.store.dynamodb.DynamoStoreSettings;
import dev.rendezvous.store.dynamodb.TableBootstrap;
import dev.rendezvous.store.dynamodb.testing.DynaliteProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Storage faults injected for real while clients pulse steadily through the live edge: dynalite
 * (with its data on disk) is stopped mid-run and started again on the same port, and, in a second
 * run, every SDK request is throttled by an {@link ThrottlingInterceptor}. The edge stays up, never
 * tells a live client 1060 or 1050, keeps its in-flight count within the bound, counts its drops,
 * and answers 1020 again, recording addresses, as soon as storage is back.
 */
class StorageOutageTest {
  private static final String TABLE = "clients-outage";
  private static final int MAX_IN_FLIGHT = 8; // above the clients, below a fault round
  private static final int V1_CLIENTS = 3;
  private static final int V2_CLIENTS = 3;
  private static final int PULSES_PER_FAULT_ROUND = 5; // 6 clients x 5 = 30 at once > 8
  private static final Duration ROUND_WAIT = Duration.ofMillis(250);
  private static final Duration FAULT_DURATION = Duration.ofSeconds(4);
  private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(30);

  @TempDir Path dataDir;

  private final Clock clock = Clock.systemUTC();
  private final ThrottlingInterceptor throttle = new ThrottlingInterceptor();
  private final HttpClient http = HttpClient.newHttpClient();
  private DynaliteProcess dynalite;
  private int dynalitePort;
  private DynamoDbClient sync;
  private DynamoDbAsyncClient async;
  private DynamoClientRegistry registry;
  private Edge edge;
  private PulsingClients clients;
  private InFlightSampler sampler;

  @BeforeEach
  void start() throws InterruptedException {
    dynalite = DynaliteProcess.start(0, dataDir);
    dynalitePort = dynalite.endpoint().getPort();
    URI endpoint = dynalite.endpoint();
    Map<String, String> env = new HashMap<>(EdgeOnDynaliteTest.environment());
    // Real time, default timings: nobody turns PENDING during a few seconds of outage.
    env.put("RENDEZVOUS_PULSE_INTERVAL_SECONDS", "30");
    env.put("RENDEZVOUS_GRACE_SECONDS", "5");
    env.put("RENDEZVOUS_ERROR_TIME_SECONDS", "180");
    env.put("RENDEZVOUS_EDGE_MAX_IN_FLIGHT", Integer.toString(MAX_IN_FLIGHT));
    env.put("RENDEZVOUS_EDGE_STORAGE_TIMEOUT_MILLIS", "1000");
    EdgeSettings settings = EdgeSettings.fromEnvironment(env);
    String table = TABLE;
    sync = DynamoClientFactory.forLocalEndpoint(endpoint).syncClient();
    TableBootstrap.ensureTable(sync, table);
    DynamoStoreSettings store = DynamoStoreSettings.forTable(table);
    LivenessRules rules = new LivenessRules(settings.shared().timings());
    registry = new DynamoClientRegistry(sync, store, rules, clock);
    // As the edge builds it (DynamoClientFactory.asyncClient), plus the throttling interceptor.
    async =
        DynamoDbAsyncClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(NettyNioAsyncHttpClient.builder().maxConcurrency(16).build())
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .apiCallTimeout(Duration.ofSeconds(2))
                    .addExecutionInterceptor(throttle)
                    .build())
            .build();
    edge = Edge.start(settings, new DynamoPulseRecorder(async, store, rules, clock), clock);
    sampler = new InFlightSampler(edge);
    clients = new PulsingClients(clock);
    CredentialFactory credentials = new CredentialFactory();
    for (int i = 0; i < V1_CLIENTS + V2_CLIENTS; i++) {
      ClientCredentials c = credentials.issue();
      registry.register(c);
      clients.add(c, i >= V1_CLIENTS, edge.udpPort());
    }
  }

  @AfterEach
  void stop() {
    throttle.throttle(false);
    sampler.close();
    clients.close();
    edge.close();
    async.close();
    sync.close();
    dynalite.close();
  }

  @Test
  void dynaliteStoppedAndRestartedUnderSteadyPulses() throws Exception {
    everyClientIsAcceptedWithin(Duration.ofSeconds(10), Instant.EPOCH);

    dynalite.close(); // storage is gone: connections refused
    assertThat(dynalite.isAlive()).isFalse();
    // Pulses sent before the stop may still be answered (1020, recorded before it); then quiet.
    assertThat(settle()).allMatch(ResponseCode.ACCEPTED::equals, "1020");
    List<Reply> duringOutage = pulseThroughTheFault();
    assertNoReplyAndTheEdgeStayedUp(duringOutage);
    assertThat(
            edge.metrics().drops(DropReason.STORAGE_UNAVAILABLE)
                + edge.metrics().drops(DropReason.STORAGE_ERROR)
                + edge.metrics().drops(DropReason.STORAGE_TIMEOUT))
        .as("pulses dropped for storage")
        .isPositive();

    Instant restartedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS); // stored to the ms
    dynalite = DynaliteProcess.start(dynalitePort, dataDir); // same port, same data
    assertThat(dynalite.endpoint().getPort()).isEqualTo(dynalitePort);

    everyClientIsAcceptedWithin(RECOVERY_DEADLINE, restartedAt);
  }

  @Test
  void throttledStorageUnderSteadyPulses() throws Exception {
    everyClientIsAcceptedWithin(Duration.ofSeconds(10), Instant.EPOCH);

    throttle.throttle(true);
    assertThat(settle()).allMatch(ResponseCode.ACCEPTED::equals, "1020");
    List<Reply> duringThrottling = pulseThroughTheFault();
    assertNoReplyAndTheEdgeStayedUp(duringThrottling);
    assertThat(throttle.throttledRequests()).isPositive();
    // The SDK retries throttling with backoff, so the edge's storage timeout usually fires first.
    assertThat(
            edge.metrics().drops(DropReason.STORAGE_THROTTLED)
                + edge.metrics().drops(DropReason.STORAGE_TIMEOUT))
        .as("pulses dropped for throttling; edge counters: %s", counters())
        .isPositive();

    Instant liftedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS); // stored to the ms
    throttle.throttle(false);
    everyClientIsAcceptedWithin(RECOVERY_DEADLINE, liftedAt);
  }

  /**
   * Rounds of {@link #PULSES_PER_FAULT_ROUND} pulses per client at once for {@link
   * #FAULT_DURATION}: more than the in-flight bound, so shedding is exercised, while the sampler
   * watches the in-flight count.
   */
  private List<Reply> pulseThroughTheFault() {
    List<Reply> replies = new ArrayList<>();
    long end = System.nanoTime() + FAULT_DURATION.toNanos();
    while (System.nanoTime() < end) {
      replies.addAll(clients.round(PULSES_PER_FAULT_ROUND, ROUND_WAIT));
    }
    return replies;
  }

  private void assertNoReplyAndTheEdgeStayedUp(List<Reply> replies) throws Exception {
    assertThat(replies.stream().map(Reply::code).toList())
        .as("replies while storage is failing (never 1060, never 1050, no 1020 unrecorded)")
        .isEmpty();
    assertThat(edge.metrics().replies(ResponseCode.UNKNOWN)).isZero();
    assertThat(edge.metrics().replies(ResponseCode.PENDING)).isZero();
    assertThat(edge.metrics().drops(DropReason.OVERLOADED))
        .as("the in-flight bound was reached and excess pulses were shed")
        .isPositive();
    assertThat(sampler.max()).as("in-flight pulses, sampled").isBetween(1, MAX_IN_FLIGHT);

    HttpResponse<String> health = get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("UP");
    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metricValue(metrics.body(), "rendezvous_edge_drops_total{reason=\"overloaded\""))
        .isPositive();
    assertThat(metricValue(metrics.body(), "rendezvous_edge_inflight "))
        .isBetween(0.0, (double) MAX_IN_FLIGHT);
  }

  /**
   * Pulses (one per client per round) until every client has had a 1020 whose write is in the
   * table: address = its socket, last pulse after {@code notBefore}, and for v2 the counter the
   * reply echoed. No 1060 or 1050 on the way.
   */
  private void everyClientIsAcceptedWithin(Duration deadline, Instant notBefore)
      throws InterruptedException {
    Set<Client> accepted = new HashSet<>();
    List<ResponseCode> wrong = new ArrayList<>();
    long end = System.nanoTime() + deadline.toNanos();
    while (accepted.size() < clients.all().size() && System.nanoTime() < end) {
      for (Reply r : clients.round(1, Duration.ofMillis(500))) {
        if (r.code() == ResponseCode.ACCEPTED) {
          accepted.add(r.client());
        } else {
          wrong.add(r.code());
        }
      }
    }
    assertThat(wrong).as("replies other than 1020").isEmpty();
    assertThat(accepted.stream().map(Client::toString).sorted().toList())
        .as(() -> "clients answered 1020; edge counters: " + counters() + "; " + sdkProbe())
        .hasSize(clients.all().size());
    assertThat(settle()).allMatch(ResponseCode.ACCEPTED::equals, "1020");
    for (Client c : clients.all()) {
      ClientSnapshot stored = registry.find(c.credentials.clientId()).orElseThrow();
      assertThat(stored.lastAddress()).contains(new ObservedAddress("127.0.0.1", c.localPort()));
      assertThat(stored.lastPulseAt()).isPresent();
      assertThat(stored.lastPulseAt().orElseThrow())
          .as("last recorded pulse of %s (a write from before must never land over it)", c)
          .isAfterOrEqualTo(notBefore);
      if (c.v2) {
        assertThat(stored.pulseCounter()).isGreaterThanOrEqualTo(c.lastAcceptedCounter());
      }
    }
  }

  /** Waits until no pulse is in flight, then returns the codes of the replies still queued. */
  private List<ResponseCode> settle() throws InterruptedException {
    awaitUntil(Duration.ofSeconds(15), () -> edge.inFlight() == 0, "no pulse in flight");
    assertThat(edge.inFlight()).as("pulses in flight after settling").isZero();
    return clients.drain().stream().map(Reply::code).toList();
  }

  /** The edge's replies and drops by reason, for failure messages. */
  private String counters() {
    StringBuilder text = new StringBuilder();
    for (ResponseCode code : ResponseCode.values()) {
      text.append(code).append('=').append(edge.metrics().replies(code)).append(' ');
    }
    for (DropReason reason : DropReason.values()) {
      long n = edge.metrics().drops(reason);
      if (n > 0) {
        text.append(reason.tag()).append('=').append(n).append(' ');
      }
    }
    return text.append("in_flight=")
        .append(edge.inFlight())
        .append(" throttled_requests=")
        .append(throttle.throttledRequests())
        .toString();
  }

  /** For a failure message: does the edge's own SDK client reach storage right now? */
  private String sdkProbe() {
    long started = System.nanoTime();
    try {
      async.describeTable(b -> b.tableName(TABLE)).get(10, TimeUnit.SECONDS);
      return "a direct call on the edge's SDK client took "
          + Duration.ofNanos(System.nanoTime() - started).toMillis()
          + " ms";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (ExecutionException | TimeoutException e) {
      return "a direct call on the edge's SDK client failed: " + e;
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.healthPort() + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The sum of the Prometheus samples whose line starts with {@code prefix}. */
  private static double metricValue(String body, String prefix) {
    double sum = 0;
    boolean found = false;
    for (String line : body.lines().toList()) {
      if (line.startsWith(prefix)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        found = true;
      }
    }
    assertThat(found).as("a sample starting with " + prefix).isTrue();
    return sum;
  }

  /** Samples {@link Edge#inFlight()} every millisecond on its own thread; keeps the maximum. */
  private static final class InFlightSampler implements AutoCloseable {
    private final AtomicInteger max = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    InFlightSampler(Edge edge) {
      thread =
          new Thread(
              () -> {
                while (running.get()) {
                  max.accumulateAndGet(edge.inFlight(), Math::max);
                  try {
                    Thread.sleep(1);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "in-flight-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    int max() {
      return max.get();
    }

    @Override
    public void close() {
      running.set(false);
      thread.interrupt();
    }
  }
}
