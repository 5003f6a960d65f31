package dev.rendezvous.edge;

import static dev.rendezvous.testkit.Await.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.edge.TroubledRecorder.Mode;
import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
import dev.rendezvous.store.dynamodb.DynamoClientRegistry;
import dev.rendezvous.store.dynamodb.DynamoPulseRecorder;
import dev.rendezvous.store.dynamodb.DynamoStoreSettings;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Real sockets and dynalite, with the real DynamoDB recorder behind a decorator that holds calls
 * (slow storage): a timed-out pulse gets no reply even when its write lands later, and shutdown
 * drains a pulse still in flight.
 */
class SlowStorageOnDynaliteTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();

  private final Clock clock = Clock.systemUTC();
  private DynamoDbAsyncClient async;
  private DynamoClientRegistry registry;
  private TroubledRecorder recorder;
  private Edge edge;

  @BeforeEach
  void start() throws InterruptedException {
    Map<String, String> env = new HashMap<>(EdgeOnDynaliteTest.environment());
    env.put("RENDEZVOUS_EDGE_STORAGE_TIMEOUT_MILLIS", "300");
    env.put("RENDEZVOUS_EDGE_DRAIN_SECONDS", "10");
    EdgeSettings settings = EdgeSettings.fromEnvironment(env);
    DynamoStoreSettings store = DynamoStoreSettings.forTable(DYNALITE.createTable());
    LivenessRules rules = new LivenessRules(settings.shared().timings());
    registry = new DynamoClientRegistry(DYNALITE.syncClient(), store, rules, clock);
    async = DYNALITE.newAsyncClient(16);
    recorder = new TroubledRecorder(new DynamoPulseRecorder(async, store, rules, clock));
    edge = Edge.start(settings, recorder, clock);
  }

  @AfterEach
  void stop() {
    recorder.releaseAll();
    edge.close();
    async.close();
  }

  @Test
  void timedOutPulseGetsNoReplyEvenIfItsWriteLandsLater() throws InterruptedException {
    ClientCredentials c = new CredentialFactory().issue();
    registry.register(c);
    try (UdpProbe probe = new UdpProbe(edge.udpPort())) {
      recorder.mode(Mode.HOLD);
      assertThat(probe.exchange(c.privateKey().toBytes(), Duration.ofMillis(800))).isNull();
      assertThat(edge.metrics().drops(DropReason.STORAGE_TIMEOUT)).isEqualTo(1);

      recorder.mode(Mode.PASS);
      recorder.releaseAll(); // the real write happens now, after the edge gave up
      awaitUntil(Duration.ofSeconds(5), () -> edge.inFlight() == 0, "no pulse in flight");
      assertThat(probe.receive(Duration.ofMillis(300))).isNull();
      assertThat(registry.find(c.clientId()).orElseThrow().latestPulseAt()).isPresent();
      assertThat(edge.metrics().replies(ResponseCode.UNKNOWN)).isZero();

      assertThat(
              PulseV1ReplyCodec.decode(
                  probe.exchange(c.privateKey().toBytes(), Duration.ofSeconds(5))))
          .isEqualTo(ResponseCode.ACCEPTED);
    }
  }

  @Test
  void shutdownDrainsAPulseStillInFlight() throws Exception {
    Map<String, String> env = new HashMap<>(EdgeOnDynaliteTest.environment());
    env.put("RENDEZVOUS_EDGE_STORAGE_TIMEOUT_MILLIS", "5000");
    EdgeSettings settings = EdgeSettings.fromEnvironment(env);
    ClientCredentials c = new CredentialFactory().issue();
    registry.register(c);
    DynamoStoreSettings store = DynamoStoreSettings.forTable(DYNALITE.createTable());
    LivenessRules rules = new LivenessRules(settings.shared().timings());
    DynamoClientRegistry other =
        new DynamoClientRegistry(DYNALITE.syncClient(), store, rules, clock);
    other.register(c);
    TroubledRecorder held =
        new TroubledRecorder(new DynamoPulseRecorder(async, store, rules, clock));
    held.mode(Mode.HOLD);
    Edge draining = Edge.start(settings, held, clock);
    try (UdpProbe probe = new UdpProbe(draining.udpPort())) {
      probe.send(c.privateKey().toBytes());
      awaitUntil(Duration.ofSeconds(5), () -> held.heldCount() > 0, "storage to hold the pulse");
      CompletableFuture<Void> closing = CompletableFuture.runAsync(draining::close);
      Thread.sleep(200);
      assertThat(closing).isNotDone();

      held.releaseAll();

      byte[] reply = probe.receive(Duration.ofSeconds(5));
      assertThat(reply).isNotNull();
      assertThat(PulseV1ReplyCodec.decode(reply)).isEqualTo(ResponseCode.ACCEPTED);
      closing.get(15, java.util.concurrent.TimeUnit.SECONDS);
    }
  }
}
