package dev.rendezvous.core.directory;

import static dev.rendezvous.core.directory.DirectoryEntryTest.entry;
import static dev.rendezvous.core.directory.DirectoryEntryTest.family;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.core.timing.PulseTimings;
import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The decisions every store keeps; the storage contract suite checks the stores against them. */
class DirectoryRulesTest {
  private static final PulseTimings TIMINGS = new PulseTimings(30, 5, 180);
  private static final DirectoryRules RULES = new DirectoryRules(new LivenessRules(TIMINGS));
  private static final Instant T = Instant.parse("2026-11-26T12:00:00Z");
  private static final TaskId X = new TaskId("0000000000000000000000000000000a");
  private static final ObservedAddress HOME = new ObservedAddress("198.51.100.7", 40001);

  private static Takeover takeover(DirectoryEntry e, Instant at, long counter) {
    return new Takeover(
        e.clientId(), AddressFamily.IPV4, X, HOME, at, at.plusSeconds(420), counter);
  }

  @Test
  void aTakeoverIsJudgedAtThePulsesReceiveTimeInTheDocumentedOrder() {
    DirectoryEntry e = entry(T, family(AddressFamily.IPV4, T, T.plusSeconds(35), 50));
    assertThat(RULES.takeover(Optional.empty(), takeover(e, T, 0)))
        .isInstanceOf(TakeoverResult.Unknown.class);
    assertThat(RULES.takeover(Optional.of(e), takeover(e, T.plusSeconds(35), 50)))
        .as("a counter not above the highest is a replay, whatever the liveness")
        .isInstanceOf(TakeoverResult.Replayed.class);
    assertThat(RULES.takeover(Optional.of(e), takeover(e, T.plusMillis(35_001), 51)))
        .isInstanceOf(TakeoverResult.Pending.class);
    assertThat(RULES.takeover(Optional.of(e), takeover(e, T.plusMillis(210_001), 51)))
        .isInstanceOf(TakeoverResult.Unknown.class);
    assertThat(RULES.takeover(Optional.of(e), takeover(e, T.plusSeconds(35), 51)))
        .isEqualTo(
            new TakeoverResult.Taken(
                new Owner(X, 2), Optional.of(new Owner(DirectoryEntryTest.TASK, 1))));
  }

  @Test
  void ownerWritesAreGoneThenLostThenReplayed() {
    Owner current = new Owner(DirectoryEntryTest.TASK, 2);
    FamilyEntry v4 = family(AddressFamily.IPV4, T, T.plusSeconds(35), 50);
    DirectoryEntry e =
        entry(T)
            .withFamily(
                new FamilyEntry(
                    AddressFamily.IPV4,
                    Optional.of(current),
                    v4.address(),
                    v4.lastPulseAt(),
                    v4.onlineUntil(),
                    v4.counter()));
    Owner older = new Owner(current.task(), 1);
    Owner other = new Owner(X, 2);
    assertThat(RULES.ownerWrite(Optional.empty(), AddressFamily.IPV4, current, 0))
        .isEqualTo(OwnerWriteResult.GONE);
    assertThat(RULES.ownerWrite(Optional.of(e), AddressFamily.IPV4, other, 0))
        .isEqualTo(OwnerWriteResult.LOST);
    assertThat(RULES.ownerWrite(Optional.of(e), AddressFamily.IPV6, current, 0))
        .isEqualTo(OwnerWriteResult.LOST);
    assertThat(RULES.ownerWrite(Optional.of(e), AddressFamily.IPV4, older, 0))
        .as("the same task with an older epoch")
        .isEqualTo(OwnerWriteResult.LOST);
    assertThat(RULES.ownerWrite(Optional.of(e), AddressFamily.IPV4, current, 0))
        .isEqualTo(OwnerWriteResult.WRITTEN);
    assertThat(RULES.ownerWrite(Optional.of(e), AddressFamily.IPV4, current, 50))
        .isEqualTo(OwnerWriteResult.REPLAYED);
    assertThat(RULES.ownerWrite(Optional.of(e), AddressFamily.IPV4, current, 51))
        .isEqualTo(OwnerWriteResult.WRITTEN);
  }

  @Property
  void aWriteNeverVouchesForLessThanItsPulse(
      @ForAll @LongRange(min = 0, max = 10_000_000) long pulseMillis,
      @ForAll @LongRange(min = -100_000, max = 1_000_000) long leaseMillis) {
    Instant pulse = T.plusMillis(pulseMillis);
    Instant vouched = RULES.vouchedLastSeen(pulse, pulse.plusMillis(leaseMillis));
    assertThat(vouched).isAfterOrEqualTo(pulse);
    assertThat(vouched)
        .isAfterOrEqualTo(pulse.plusMillis(leaseMillis).minus(TIMINGS.onlineWindow()));
  }
}
