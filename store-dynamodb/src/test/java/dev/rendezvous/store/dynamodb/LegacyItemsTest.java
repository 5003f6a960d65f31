package dev.rendezvous.store.dynamodb;

import static dev.rendezvous.store.dynamodb.DirectoryItems.b;
import static dev.rendezvous.store.dynamodb.DirectoryItems.n;
import static dev.rendezvous.store.dynamodb.DirectoryItems.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.FamilyEntry;
import dev.rendezvous.core.directory.Owner;
import dev.rendezvous.core.directory.Takeover;
import dev.rendezvous.core.directory.TakeoverResult;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.registry.VerifyOutcome;
import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import dev.rendezvous.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items written by the per-pulse layout (a deployed table before the directory) keep working: they
 * read as a family without an owner, the family of their host; they can be verified, taken over,
 * and swept.
 */
class LegacyItemsTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();
  private static final TaskId X = new TaskId("0000000000000000000000000000000a");

  private final MutableClock clock = MutableClock.startingAt("2026-11-26T12:00:00Z");
  private final LivenessRules rules = new LivenessRules(PulseTimings.DEFAULTS);
  private final DynamoStores stores = DynamoStores.over(DYNALITE, rules, clock);
  private final DynamoStoreSettings settings = stores.settings();
  private final DynamoClientRegistry registry = stores.registry();
  private final DynamoLiveDirectory live = stores.live();
  private final ClientCredentials alice = new CredentialFactory().issue();

  @AfterEach
  void close() {
    stores.close();
  }

  @Test
  void anItemOfThePerPulseLayoutReadsAsAFamilyWithoutAnOwner() {
    Instant pulse = clock.instant().minusSeconds(10);
    putLegacy(new ObservedAddress("2001:db8::9", 41000), pulse, 1234);

    DirectoryEntry entry = registry.find(alice.clientId()).orElseThrow();

    FamilyEntry v6 = entry.family(AddressFamily.IPV6).orElseThrow();
    assertThat(v6.owner()).isEmpty();
    assertThat(v6.address()).isEqualTo(new ObservedAddress("2001:db8::9", 41000));
    assertThat(v6.lastPulseAt()).isEqualTo(pulse);
    assertThat(v6.onlineUntil()).isEqualTo(pulse.plus(PulseTimings.DEFAULTS.onlineWindow()));
    assertThat(entry.family(AddressFamily.IPV4)).isEmpty();
    assertThat(entry.highestCounter()).isEqualTo(1234);
    assertThat(entry.effectiveLastSeen(rules)).isEqualTo(pulse);
    assertThat(entry.liveness(rules, clock.instant())).isEqualTo(Liveness.ONLINE);
  }

  @Test
  void itIsTakenOverVerifiedAndSweptLikeAnyClient() {
    ObservedAddress home = new ObservedAddress("198.51.100.7", 40001);
    putLegacy(home, clock.instant().minusSeconds(10), 1234);
    Instant now = clock.instant();
    Takeover replay =
        new Takeover(
            alice.clientId(), AddressFamily.IPV4, X, home, now, now.plusSeconds(420), 1234);
    assertThat(live.takeOver(replay).toCompletableFuture().join())
        .as("its last accepted counter still guards against replays")
        .isInstanceOf(TakeoverResult.Replayed.class);
    Takeover next =
        new Takeover(
            alice.clientId(), AddressFamily.IPV4, X, home, now, now.plusSeconds(420), 1235);
    assertThat(live.takeOver(next).toCompletableFuture().join())
        .isEqualTo(new TakeoverResult.Taken(new Owner(X, 1), Optional.empty()));
    assertThat(registry.find(alice.clientId()).orElseThrow().family(AddressFamily.IPV4))
        .map(FamilyEntry::owner)
        .contains(Optional.of(new Owner(X, 1)));

    clock.advanceSeconds(500); // the lease ran out: PENDING
    assertThat(registry.verify(alice.privateKey())).isEqualTo(VerifyOutcome.REVIVED);
    clock.advance(
        PulseTimings.DEFAULTS
            .lifetime()
            .plus(Duration.ofSeconds(2 * settings.sweepBucketSeconds() + 1)));
    assertThat(registry.sweepExpired(clock.instant().plusSeconds(30)).deleted()).isOne();
    assertThat(registry.find(alice.clientId())).isEmpty();
  }

  /** Writes the item as the per-pulse store did after an accepted pulse. */
  private void putLegacy(ObservedAddress address, Instant pulse, long counter) {
    long expires = rules.expiresAtEpochSeconds(pulse);
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(ClientTable.CLIENT_ID, s(alice.clientId().hex()));
    item.put(ClientTable.KEY_VERIFIER, b(alice.privateKey().verifier().toBytes()));
    item.put(ClientTable.PULSE_MAC_KEY, b(alice.privateKey().pulseMacKey().toBytes()));
    item.put(ClientTable.REGISTERED_AT_MILLIS, n(pulse.minusSeconds(3600).toEpochMilli()));
    item.put(ClientTable.LAST_SEEN_AT_MILLIS, n(pulse.toEpochMilli()));
    item.put(ClientTable.LEGACY_LAST_PULSE_AT_MILLIS, n(pulse.toEpochMilli()));
    item.put(ClientTable.LEGACY_HOST, s(address.host()));
    item.put(ClientTable.LEGACY_PORT, n(address.port()));
    item.put(ClientTable.PULSE_COUNTER, n(counter));
    item.put(ClientTable.EXPIRES_AT_EPOCH_SECONDS, n(expires));
    item.put(
        ClientTable.SWEEP_PARTITION,
        s((expires / 600) + "." + (alice.clientId().firstByteUnsigned() % 8)));
    DYNALITE.syncClient().putItem(b -> b.tableName(settings.tableName()).item(item));
  }
}
