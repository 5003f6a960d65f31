package dev.rendezvous.core.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The effective last seen and liveness of a directory entry, at every boundary. */
class DirectoryEntryTest {
  /** Window 35 s, lifetime 210 s. */
  private static final LivenessRules RULES = new LivenessRules(new PulseTimings(30, 5, 180));

  private static final Instant SEEN = Instant.parse("2026-11-26T12:00:00Z");
  private static final ClientCredentials CLIENT = new CredentialFactory().issue();
  static final TaskId TASK = new TaskId("00112233445566778899aabbccddeeff");

  static DirectoryEntry entry(Instant lastSeenAt, FamilyEntry... families) {
    PrivateKey key = CLIENT.privateKey();
    Map<AddressFamily, FamilyEntry> byFamily = new EnumMap<>(AddressFamily.class);
    for (FamilyEntry f : families) {
      byFamily.put(f.family(), f);
    }
    return new DirectoryEntry(
        CLIENT.clientId(), key.verifier(), key.pulseMacKey(), SEEN, lastSeenAt, 0, byFamily);
  }

  static FamilyEntry family(
      AddressFamily family, Instant lastPulseAt, Instant onlineUntil, long counter) {
    return new FamilyEntry(
        family,
        Optional.of(new Owner(TASK, 1)),
        new ObservedAddress(family == AddressFamily.IPV4 ? "198.51.100.1" : "2001:db8::1", 4000),
        lastPulseAt,
        onlineUntil,
        counter);
  }

  @ParameterizedTest(name = "no pulse yet, {0} ms after registration: {1}")
  @CsvSource({"0, ONLINE", "35000, ONLINE", "35001, PENDING", "210000, PENDING", "210001, EXPIRED"})
  void withoutFamiliesLivenessFollowsLastSeen(long afterMillis, Liveness expected) {
    DirectoryEntry e = entry(SEEN);
    assertThat(e.effectiveLastSeen(RULES)).isEqualTo(SEEN);
    assertThat(e.liveness(RULES, SEEN.plusMillis(afterMillis))).isEqualTo(expected);
    assertThat(e.isOnlineAt(RULES, SEEN.plusMillis(afterMillis)))
        .isEqualTo(expected == Liveness.ONLINE);
  }

  @ParameterizedTest(name = "lease until +400 s, at +{0} ms: {1}")
  @CsvSource({
    "399999, ONLINE",
    "400000, ONLINE",
    "400001, PENDING",
    "575000, PENDING",
    "575001, EXPIRED"
  })
  void aLeaseKeepsTheClientOnlineUntilItEndsAndExpiryFollowsIt(long atMillis, Liveness expected) {
    DirectoryEntry e = entry(SEEN, family(AddressFamily.IPV4, SEEN, SEEN.plusSeconds(400), 0));
    assertThat(e.effectiveLastSeen(RULES)).isEqualTo(SEEN.plusSeconds(365));
    assertThat(e.liveness(RULES, SEEN.plusMillis(atMillis))).isEqualTo(expected);
  }

  @Test
  void afterThePendingWriteTheLastPulseIsTheEffectiveLastSeen() {
    Instant pulse = SEEN.plusSeconds(100);
    DirectoryEntry e =
        entry(
            SEEN, family(AddressFamily.IPV6, pulse, pulse.plus(RULES.timings().onlineWindow()), 7));
    assertThat(e.effectiveLastSeen(RULES)).isEqualTo(pulse);
    assertThat(e.liveness(RULES, pulse.plusSeconds(35))).isEqualTo(Liveness.ONLINE);
    assertThat(e.liveness(RULES, pulse.plusMillis(35_001))).isEqualTo(Liveness.PENDING);
  }

  @Test
  void aPendingFamilyNeverHidesTheOtherFamilysLease() {
    Instant now = SEEN.plusSeconds(1000);
    FamilyEntry pendingV6 = family(AddressFamily.IPV6, SEEN, SEEN.plusSeconds(35), 5);
    FamilyEntry leasedV4 = family(AddressFamily.IPV4, now, now.plusSeconds(420), 9);
    DirectoryEntry e = entry(SEEN, pendingV6, leasedV4);
    assertThat(e.liveness(RULES, now.plusSeconds(400))).isEqualTo(Liveness.ONLINE);
    assertThat(e.highestCounter()).isEqualTo(9);
    assertThat(e.latestFamily()).contains(leasedV4);
    assertThat(e.latestAddress()).contains(leasedV4.address());
  }

  @Test
  void aBurnedCounterCountsAsTheHighest() {
    DirectoryEntry e = entry(SEEN, family(AddressFamily.IPV4, SEEN, SEEN, 9)).withBurnedCounter(12);
    assertThat(e.highestCounter()).isEqualTo(12);
    assertThat(entry(SEEN).highestCounter()).isZero();
    assertThat(entry(SEEN).latestFamily()).isEmpty();
  }

  @Property
  void theConditionFormAgreesWithTheEffectiveLastSeen(
      @ForAll @LongRange(min = -600_000, max = 600_000) long seenOffsetMillis,
      @ForAll @LongRange(min = -600_000, max = 600_000) long v4UntilOffsetMillis,
      @ForAll @LongRange(min = -600_000, max = 600_000) long v6UntilOffsetMillis,
      @ForAll boolean withV4,
      @ForAll boolean withV6) {
    Instant at = SEEN.plusSeconds(3600);
    DirectoryEntry e = entry(at.plusMillis(seenOffsetMillis));
    if (withV4) {
      e = e.withFamily(family(AddressFamily.IPV4, SEEN, at.plusMillis(v4UntilOffsetMillis), 0));
    }
    if (withV6) {
      e = e.withFamily(family(AddressFamily.IPV6, SEEN, at.plusMillis(v6UntilOffsetMillis), 0));
    }
    assertThat(e.isOnlineAt(RULES, at)).isEqualTo(e.liveness(RULES, at) == Liveness.ONLINE);
    Instant effective = e.effectiveLastSeen(RULES);
    assertThat(effective).isAfterOrEqualTo(e.lastSeenAt());
    for (FamilyEntry f : e.families().values()) {
      assertThat(effective).isAfterOrEqualTo(f.onlineUntil().minus(RULES.timings().onlineWindow()));
    }
  }
}
