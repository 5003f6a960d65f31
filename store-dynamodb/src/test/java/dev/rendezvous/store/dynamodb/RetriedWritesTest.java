package dev.rendezvous.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rendezvous.core.UnknownClientException;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.registry.PulseOutcome;
import dev.rendezvous.core.registry.SweepReport;
import dev.rendezvous.core.registry.VerifyOutcome;
import dev.rendezvous.core.service.Registration;
import dev.rendezvous.core.service.RendezvousService;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import dev.rendezvous.store.dynamodb.testing.LostResponses;
import dev.rendezvous.testkit.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every conditional write survives the SDK's own retry of it: the engine applies the first attempt,
 * its answer is lost on the way back ({@link LostResponses}), the SDK sends the same request again,
 * and that retry fails its condition because the first one landed. The store must still report what
 * really happened.
 */
class RetriedWritesTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();

  private final MutableClock clock = MutableClock.startingAt("2026-11-26T12:00:00Z");
  private final LivenessRules rules = new LivenessRules(PulseTimings.DEFAULTS);
  private final ClientCredentials alice = new CredentialFactory().issue();
  private final ObservedAddress home = new ObservedAddress("198.51.100.7", 40001);
  private final LostResponses lost = new LostResponses();
  private final DynamoStoreSettings settings = DynamoStoreSettings.forTable(DYNALITE.createTable());
  private final DynamoDbClient sync =
      DYNALITE.clients().syncClient(lost.around(UrlConnectionHttpClient.create()));
  private final DynamoDbAsyncClient async =
      DYNALITE.clients().asyncClient(lost.around(NettyNioAsyncHttpClient.create()));
  private final DynamoClientRegistry registry =
      new DynamoClientRegistry(sync, settings, rules, clock);
  private final DynamoPulseRecorder recorder =
      new DynamoPulseRecorder(async, settings, rules, clock);

  @AfterEach
  void close() {
    sync.close();
    async.close();
  }

  @Test
  void aRegistrationWhoseAnswerWasLostIsStoredOnceAndReported() {
    RendezvousService service =
        new RendezvousService(registry, new CredentialFactory(), rules, clock);
    lost.loseNextWrites(1);

    Registration registration = service.register();

    assertRetried("PutItem");
    assertThat(DYNALITE.syncClient().scan(b -> b.tableName(settings.tableName())).count())
        .as("no orphaned registration")
        .isEqualTo(1);
    assertThat(registry.find(registration.credentials().clientId())).isPresent();
  }

  @Test
  void aVerifyWhoseAnswerWasLostRevives() {
    registry.register(alice);
    clock.advance(Duration.ofSeconds(60)); // PENDING
    lost.loseNextWrites(1);

    assertThat(registry.verify(alice.privateKey())).isEqualTo(VerifyOutcome.REVIVED);

    assertRetried("UpdateItem");
    assertThat(registry.verify(alice.privateKey())).isEqualTo(VerifyOutcome.ALREADY_ONLINE);
  }

  @Test
  void aLogoutWhoseAnswerWasLostSucceedsAndIsFinal() {
    registry.register(alice);
    lost.loseNextWrites(1);

    registry.logout(alice.privateKey());

    assertThat(lost.lost("PutItem") + lost.lost("UpdateItem") + lost.lost("DeleteItem"))
        .isEqualTo(1);
    assertThat(registry.find(alice.clientId())).isEmpty();
    assertThat(registry.recordPulse(alice.privateKey(), home)).isEqualTo(PulseOutcome.UNKNOWN);
    assertThat(recorder.authenticatedPulse(alice.clientId(), 7, home).toCompletableFuture().join())
        .isEqualTo(PulseOutcome.UNKNOWN);
    assertThat(recorder.lookUp(alice.clientId()).toCompletableFuture().join()).isEmpty();
    assertThatThrownBy(() -> registry.verify(alice.privateKey()))
        .isInstanceOf(UnknownClientException.class);
    assertThatThrownBy(() -> registry.logout(alice.privateKey()))
        .isInstanceOf(UnknownClientException.class);
  }

  @Test
  void aV2PulseWhoseAnswerWasLostIsAccepted() {
    registry.register(alice);
    lost.loseNextWrites(1);

    assertThat(recorder.authenticatedPulse(alice.clientId(), 41, home).toCompletableFuture().join())
        .isEqualTo(PulseOutcome.ACCEPTED);

    assertRetried("UpdateItem");
    assertThat(registry.find(alice.clientId()).orElseThrow().pulseCounter()).isEqualTo(41);
    assertThat(recorder.authenticatedPulse(alice.clientId(), 41, home).toCompletableFuture().join())
        .as("a real replay is still a replay")
        .isEqualTo(PulseOutcome.REPLAYED);
  }

  @Test
  void v1PulsesWhoseAnswersWereLostAreAccepted() {
    registry.register(alice);
    lost.loseNextWrites(2);

    assertThat(recorder.pulse(alice.privateKey(), home).toCompletableFuture().join())
        .isEqualTo(PulseOutcome.ACCEPTED);
    assertThat(registry.recordPulse(alice.privateKey(), home)).isEqualTo(PulseOutcome.ACCEPTED);

    assertThat(lost.lost("UpdateItem")).isEqualTo(2);
    assertThat(registry.find(alice.clientId()).orElseThrow().lastAddress()).contains(home);
  }

  @Test
  void aSweepDeleteWhoseAnswerWasLostCountsAsDeleted() {
    registry.register(alice);
    clock.advance(PulseTimings.DEFAULTS.lifetime().plus(Duration.ofHours(1)));
    lost.loseNext("DeleteItem", 1);

    SweepReport report = registry.sweepExpired(clock.instant().plusSeconds(30));

    assertRetried("DeleteItem");
    assertThat(report.deleted()).isEqualTo(1);
    assertThat(report.revived()).isZero();
    assertThat(registry.find(alice.clientId())).isEmpty();
  }

  @Test
  void aLogoutLeavesATombstoneWithoutKeysOrAddressThatTheSweepRemoves() {
    registry.register(alice);
    registry.recordPulse(alice.privateKey(), home);
    registry.logout(alice.privateKey());

    Map<String, AttributeValue> tombstone =
        DYNALITE
            .syncClient()
            .getItem(b -> b.tableName(settings.tableName()).key(ClientItems.key(alice.clientId())))
            .item();
    assertThat(tombstone)
        .containsOnlyKeys(
            ClientTable.CLIENT_ID,
            ClientTable.WRITE_TOKEN,
            ClientTable.EXPIRES_AT_EPOCH_SECONDS,
            ClientTable.SWEEP_PARTITION);

    clock.advance(Duration.ofSeconds(settings.sweepBucketSeconds() + 1));
    SweepReport report = registry.sweepExpired(clock.instant().plusSeconds(30));

    assertThat(report.deleted()).isEqualTo(1);
    assertThat(
            DYNALITE
                .syncClient()
                .getItem(
                    b -> b.tableName(settings.tableName()).key(ClientItems.key(alice.clientId())))
                .hasItem())
        .isFalse();
  }

  private void assertRetried(String operation) {
    assertThat(lost.lost(operation)).as("answers of %s lost", operation).isEqualTo(1);
    assertThat(lost.sent(operation))
        .as("%s sent again by the SDK", operation)
        .isGreaterThanOrEqualTo(2);
  }
}
