package dev.rendezvous.edge;

import static dev.rendezvous.testkit.Await.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.registry.VerifyOutcome;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
import dev.rendezvous.protocol.v2.PulseV2Reply;
import dev.rendezvous.protocol.v2.PulseV2ReplyCodec;
import dev.rendezvous.protocol.v2.PulseV2RequestCodec;
import dev.rendezvous.store.dynamodb.DynamoClientRegistry;
import dev.rendezvous.store.dynamodb.DynamoPulseRecorder;
import dev.rendezvous.store.dynamodb.DynamoStoreSettings;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import dev.rendezvous.testkit.MutableClock;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The running edge on real UDP sockets, writing to a real DynamoDB engine (dynalite) through the
 * real async SDK client; the HTTP side's operations (register, verify, logout) go through the sync
 * {@link DynamoClientRegistry} on the same table, as the functions would.
 */
public class EdgeOnDynaliteTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();

  private static final Duration REPLY_WAIT = Duration.ofSeconds(5);
  private static final Duration SILENCE_WAIT = Duration.ofMillis(400);

  @SuppressWarnings("TimeInStaticInitializer") // a start near real time for v2 counters
  private static final MutableClock CLOCK = new MutableClock(Instant.now());

  private static final CredentialFactory CREDENTIALS = new CredentialFactory();
  private static final ThrottlingInterceptor THROTTLE = new ThrottlingInterceptor();
  private static DynamoDbAsyncClient async;
  private static DynamoClientRegistry registry;
  private static Edge edge;

  @BeforeAll
  static void startEdge() throws InterruptedException {
    Map<String, String> env = environment();
    EdgeSettings settings = EdgeSettings.fromEnvironment(env);
    String table = DYNALITE.createTable();
    DynamoStoreSettings store = DynamoStoreSettings.forTable(table);
    LivenessRules rules = new LivenessRules(settings.shared().timings());
    registry = new DynamoClientRegistry(DYNALITE.syncClient(), store, rules, CLOCK);
    async =
        DynamoDbAsyncClient.builder()
            .endpointOverride(DYNALITE.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(NettyNioAsyncHttpClient.builder().maxConcurrency(64).build())
            .overrideConfiguration(
                ClientOverrideConfiguration.builder().addExecutionInterceptor(THROTTLE).build())
            .build();
    edge = Edge.start(settings, new DynamoPulseRecorder(async, store, rules, CLOCK), CLOCK);
  }

  public static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("RENDEZVOUS_PULSE_INTERVAL_SECONDS", "2");
    env.put("RENDEZVOUS_GRACE_SECONDS", "1");
    env.put("RENDEZVOUS_ERROR_TIME_SECONDS", "4");
    env.put("RENDEZVOUS_UDP_PORT", "0");
    env.put("RENDEZVOUS_HEALTH_PORT", "0");
    env.put("RENDEZVOUS_BIND_ADDRESS", "127.0.0.1");
    env.put("RENDEZVOUS_EDGE_THREADS", "2");
    env.put("RENDEZVOUS_EDGE_STORAGE_TIMEOUT_MILLIS", "3000");
    env.put("RENDEZVOUS_EDGE_SOURCE_RATE_PER_SECOND", "10000");
    env.put("RENDEZVOUS_EDGE_SOURCE_BURST", "10000");
    env.put("RENDEZVOUS_EDGE_CLIENT_RATE_PER_SECOND", "100");
    env.put("RENDEZVOUS_EDGE_CLIENT_BURST", "100");
    return env;
  }

  @AfterAll
  static void stopEdge() {
    edge.close();
    async.close();
  }

  private static ClientCredentials register() {
    ClientCredentials c = CREDENTIALS.issue();
    registry.register(c);
    return c;
  }

  private static ResponseCode v1(UdpProbe probe, ClientCredentials c) {
    byte[] reply = probe.exchange(c.privateKey().toBytes(), REPLY_WAIT);
    assertThat(reply).as("a v1 reply").isNotNull().hasSize(4);
    return PulseV1ReplyCodec.decode(reply);
  }

  @Test
  void v1PulseIsRecordedWithTheDatagramsSourceAddressAndPort() {
    ClientCredentials c = register();
    try (UdpProbe probe = new UdpProbe(edge.udpPort())) {
      assertThat(v1(probe, c)).isEqualTo(ResponseCode.ACCEPTED);

      assertThat(registry.find(c.clientId()).orElseThrow().latestAddress())
          .contains(new ObservedAddress("127.0.0.1", probe.localPort()));
    }
  }

  @Test
  void hexFormWorksOnTheWire() {
    ClientCredentials c = register();
    try (UdpProbe probe = new UdpProbe(edge.udpPort())) {
      byte[] hex = c.privateKey().revealHex().getBytes(StandardCharsets.US_ASCII);
      assertThat(PulseV1ReplyCodec.decode(probe.exchange(hex, REPLY_WAIT)))
          .isEqualTo(ResponseCode.ACCEPTED);
    }
  }

  @Test
  void unknownKeyGets1060() {
    try (UdpProbe probe = new UdpProbe(edge.udpPort())) {
      assertThat(v1(probe, CREDENTIALS.issue())).isEqualTo(ResponseCode.UNKNOWN);
    }
  }

  @Test
  void pendingThenVerifyThenAcceptedAgain() {
    ClientCredentials c = register();
    try (UdpProbe probe = new UdpProbe(edge.udpPort())) {
      assertThat(v1(probe, c)).isEqualTo(ResponseCode.ACCEPTED);
      CLOCK.advance(Duration.ofSeconds(4)); // interval 2 s + grace 1 s have passed

      assertThat(v1(probe, c)).isEqualTo(ResponseCode.PENDING);
      assertThat(registry.verify(c.privateKey())).isEqualTo(VerifyOutcome.REVIVED);
      assertThat(v1(probe, c)).isEqualTo(ResponseCode.ACCEPTED);
    }
  }

  @Test
  void logoutThenTheNextPulseGets1060() {
    ClientCredentials c = register();
    try (UdpProbe probe = new UdpProbe(edge.udpPort())) {
      assertThat(v1(probe, c)).isEqualTo(ResponseCode.ACCEPTED);
      registry.logout(c.privateKey());
      assertThat(v1(probe, c)).isEqualTo(ResponseCode.UNKNOWN);
    }
  }

  @Test
  void v2PulseReplyIsAuthenticAndReplaysGetSilence() {
    ClientCredentials c = register();
    try (UdpProbe probe = new UdpProbe(edge.udpPort());
        UdpProbe attacker = new UdpProbe(edge.udpPort())) {
      long counter = CLOCK.millis();
      byte[] pulse =
          PulseV2RequestCodec.encode(c.clientId(), counter, c.privateKey().pulseMacKey());

      byte[] reply = probe.exchange(pulse, REPLY_WAIT);
      assertThat(reply).isNotNull().hasSizeLessThanOrEqualTo(pulse.length);
      PulseV2Reply decoded = PulseV2ReplyCodec.decode(reply, c.privateKey().pulseMacKey());
      assertThat(decoded.code()).isEqualTo(ResponseCode.ACCEPTED);
      assertThat(decoded.counter()).isEqualTo(counter);
      assertThat(decoded.observedAddress()).isEqualTo(InetAddress.getLoopbackAddress());
      assertThat(decoded.observedPort()).isEqualTo(probe.localPort());

      // The same datagram from elsewhere must neither answer nor move the recorded address.
      assertThat(attacker.exchange(pulse, SILENCE_WAIT)).isNull();
      assertThat(registry.find(c.clientId()).orElseThrow().latestAddress())
          .contains(new ObservedAddress("127.0.0.1", probe.localPort()));
      assertThat(registry.find(c.clientId()).orElseThrow().highestCounter()).isEqualTo(counter);

      byte[] next =
          PulseV2RequestCodec.encode(c.clientId(), counter + 1, c.privateKey().pulseMacKey());
      assertThat(probe.exchange(next, REPLY_WAIT)).isNotNull();
    }
  }

  @Test
  void v2StaleOrUnknownOrForgedGetsSilence() {
    ClientCredentials c = register();
    try (UdpProbe probe = new UdpProbe(edge.udpPort())) {
      long stale = CLOCK.millis() - Duration.ofMinutes(10).toMillis();
      assertThat(
              probe.exchange(
                  PulseV2RequestCodec.encode(c.clientId(), stale, c.privateKey().pulseMacKey()),
                  SILENCE_WAIT))
          .isNull();
      ClientCredentials never = CREDENTIALS.issue();
      assertThat(
              probe.exchange(
                  PulseV2RequestCodec.encode(
                      never.clientId(), CLOCK.millis(), never.privateKey().pulseMacKey()),
                  SILENCE_WAIT))
          .isNull();
      assertThat(
              probe.exchange(
                  PulseV2RequestCodec.encode(
                      c.clientId(), CLOCK.millis(), never.privateKey().pulseMacKey()),
                  SILENCE_WAIT))
          .isNull();
    }
  }

  @Test
  void malformedDatagramsGetSilence() {
    ClientCredentials c = register();
    try (UdpProbe probe = new UdpProbe(edge.udpPort())) {
      byte[] hex = c.privateKey().revealHex().getBytes(StandardCharsets.US_ASCII);
      hex[0] = 'z';
      for (byte[] junk :
          new byte[][] {
            new byte[1], new byte[31], new byte[33], new byte[60], new byte[1400], hex
          }) {
        assertThat(probe.exchange(junk, SILENCE_WAIT)).isNull();
      }
      // ...and the socket still serves.
      assertThat(v1(probe, c)).isEqualTo(ResponseCode.ACCEPTED);
    }
  }

  @Test
  void throttledStorageGivesSilenceNeverA1060AndRecovers() throws InterruptedException {
    ClientCredentials c = register();
    long unknownBefore = edge.metrics().replies(ResponseCode.UNKNOWN);
    long errorsBefore = edge.metrics().allStorageErrors();
    try (UdpProbe probe = new UdpProbe(edge.udpPort())) {
      THROTTLE.throttle(true);
      try {
        assertThat(probe.exchange(c.privateKey().toBytes(), Duration.ofSeconds(1))).isNull();
        // Wait until the edge has given up on that pulse (SDK retries, then the store's verdict
        // or the edge's storage timeout), still throttled, so no late success can happen.
        awaitUntil(
            Duration.ofSeconds(15),
            () -> edge.metrics().allStorageErrors() != errorsBefore,
            "the edge to give up on the throttled pulse");
        assertThat(probe.receive(Duration.ofMillis(100))).isNull();
      } finally {
        THROTTLE.throttle(false);
      }
      assertThat(THROTTLE.throttledRequests()).isPositive();
      assertThat(edge.metrics().allStorageErrors()).isGreaterThan(errorsBefore);
      assertThat(edge.metrics().replies(ResponseCode.UNKNOWN)).isEqualTo(unknownBefore);

      assertThat(v1(probe, c)).isEqualTo(ResponseCode.ACCEPTED);
    }
  }

  @Test
  void healthIsUpAndMetricsAreExposed() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + edge.healthPort();

    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> metrics =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> other =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/nope")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("UP");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("rendezvous_edge_pulses_total", "rendezvous_edge_drops_total");
    assertThat(other.statusCode()).isEqualTo(404);
  }
}
