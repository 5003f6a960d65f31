package dev.rendezvous.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rendezvous.core.UnknownClientException;
import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.FamilyEntry;
import dev.rendezvous.core.directory.Owner;
import dev.rendezvous.core.directory.OwnerWrite;
import dev.rendezvous.core.directory.OwnerWriteResult;
import dev.rendezvous.core.directory.Takeover;
import dev.rendezvous.core.directory.TakeoverResult;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.registry.ObservedAddress;
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
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
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
 * really happened. (DynaliteLostAnswersDirectoryTest runs the whole contract that way.)
 */
class RetriedWritesTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();
  private static final TaskId X = new TaskId("0000000000000000000000000000000a");
  private static final TaskId Y = new TaskId("0000000000000000000000000000000b");
  private static final Duration LEASE = Duration.ofMinutes(7);

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
  private final DynamoLiveDirectory live = new DynamoLiveDirectory(async, settings, rules, clock);

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

    assertRetried("PutItem");
    assertThat(registry.find(alice.clientId())).isEmpty();
    assertThat(takeOver(X, 7)).isInstanceOf(TakeoverResult.Unknown.class);
    assertThat(live.find(alice.clientId()).toCompletableFuture().join()).isEmpty();
    assertThatThrownBy(() -> registry.verify(alice.privateKey()))
        .isInstanceOf(UnknownClientException.class);
    assertThatThrownBy(() -> registry.logout(alice.privateKey()))
        .isInstanceOf(UnknownClientException.class);
  }

  @Test
  void aTakeoverWhoseAnswerWasLostReportsItsEpochAndThePreviousOwner() {
    registry.register(alice);
    takeOver(X, 40);
    clock.advanceSeconds(10);
    lost.loseNextWrites(1);

    assertThat(takeOver(Y, 41))
        .isEqualTo(new TakeoverResult.Taken(new Owner(Y, 2), Optional.of(new Owner(X, 1))));

    assertRetried("UpdateItem");
    assertThat(takeOver(Y, 41))
        .as("a real replay is still a replay")
        .isInstanceOf(TakeoverResult.Replayed.class);
  }

  @Test
  void aV1TakeoverWhoseAnswerWasLostTakesOneEpoch() {
    registry.register(alice);
    lost.loseNextWrites(1);

    assertThat(takeOver(X, 0))
        .isEqualTo(new TakeoverResult.Taken(new Owner(X, 1), Optional.empty()));

    assertRetried("UpdateItem");
    assertThat(family().owner()).contains(new Owner(X, 1));
  }

  @Test
  void ownerWritesWhoseAnswersWereLostAreWritten() {
    registry.register(alice);
    Owner x = ((TakeoverResult.Taken) takeOver(X, 10)).owner();
    ObservedAddress roaming = new ObservedAddress("203.0.113.9", 5000);
    lost.loseNextWrites(3);

    assertThat(live.moveAddress(write(x, 11), roaming).toCompletableFuture().join())
        .isEqualTo(OwnerWriteResult.WRITTEN);
    assertThat(live.checkpoint(write(x, 12)).toCompletableFuture().join())
        .isEqualTo(OwnerWriteResult.WRITTEN);
    assertThat(
            live.markPending(alice.clientId(), AddressFamily.IPV4, x, clock.instant())
                .toCompletableFuture()
                .join())
        .isEqualTo(OwnerWriteResult.WRITTEN);

    assertThat(lost.lost("UpdateItem")).isEqualTo(3);
    assertThat(family().address()).isEqualTo(roaming);
    assertThat(family().counter()).isEqualTo(12);
  }

  @Test
  void anOlderOwnerWriteLandingAfterANewerOneSetsNothingBack() {
    registry.register(alice);
    Owner x = ((TakeoverResult.Taken) takeOver(X, 10)).owner();
    Instant older = clock.instant().plusSeconds(100);
    clock.set(older.plusSeconds(200));
    assertThat(live.checkpoint(write(x, 30)).toCompletableFuture().join())
        .isEqualTo(OwnerWriteResult.WRITTEN);
    FamilyEntry newer = family();
    // As a throttled write that the SDK retried late would: it carries the older instant.
    clock.set(older);
    assertThat(live.checkpoint(write(x, 20)).toCompletableFuture().join())
        .as("superseded by the owner's own newer write")
        .isEqualTo(OwnerWriteResult.WRITTEN);
    assertThat(
            live.markPending(alice.clientId(), AddressFamily.IPV4, x, older)
                .toCompletableFuture()
                .join())
        .isEqualTo(OwnerWriteResult.WRITTEN);
    assertThat(family()).isEqualTo(newer);
  }

  @Test
  void aSweepDeleteWhoseAnswerWasLostCountsAsDeleted() {
    registry.register(alice);
    clock.advance(PulseTimings.DEFAULTS.lifetime().plus(sweepDelay()).plusSeconds(1));
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
    takeOver(X, 5);
    registry.logout(alice.privateKey());

    assertThat(rawItem())
        .containsOnlyKeys(
            ClientTable.CLIENT_ID,
            ClientTable.WRITE_TOKEN,
            ClientTable.EXPIRES_AT_EPOCH_SECONDS,
            ClientTable.SWEEP_PARTITION);

    clock.advance(sweepDelay().plusSeconds(1));
    SweepReport report = registry.sweepExpired(clock.instant().plusSeconds(30));

    assertThat(report.deleted()).isEqualTo(1);
    assertThat(rawItem()).isEmpty();
  }

  private TakeoverResult takeOver(TaskId task, long counter) {
    Instant now = clock.instant();
    return live.takeOver(
            new Takeover(
                alice.clientId(), AddressFamily.IPV4, task, home, now, now.plus(LEASE), counter))
        .toCompletableFuture()
        .join();
  }

  private OwnerWrite write(Owner owner, long counter) {
    Instant now = clock.instant();
    return new OwnerWrite(
        alice.clientId(), AddressFamily.IPV4, owner, now, now.plus(LEASE), counter);
  }

  private FamilyEntry family() {
    return registry.find(alice.clientId()).orElseThrow().family(AddressFamily.IPV4).orElseThrow();
  }

  private Map<String, AttributeValue> rawItem() {
    return DYNALITE
        .syncClient()
        .getItem(b -> b.tableName(settings.tableName()).key(DirectoryItems.key(alice.clientId())))
        .item();
  }

  private Duration sweepDelay() {
    return Duration.ofSeconds(2 * settings.sweepBucketSeconds());
  }

  private void assertRetried(String operation) {
    assertThat(lost.lost(operation)).as("answers of %s lost", operation).isEqualTo(1);
    assertThat(lost.sent(operation))
        .as("%s sent again by the SDK", operation)
        .isGreaterThanOrEqualTo(2);
  }
}
