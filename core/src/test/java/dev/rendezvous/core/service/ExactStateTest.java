package dev.rendezvous.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.FamilyEntry;
import dev.rendezvous.core.directory.OwnedState;
import dev.rendezvous.core.directory.Owner;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reader's combining rules: which values count when an owner answers, and when not. */
class ExactStateTest {
  /** Window 35 s, lifetime 210 s; the lease in these entries is 400 s (checkpoint + slack). */
  static final LivenessRules RULES = new LivenessRules(new PulseTimings(30, 5, 180));

  static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
  static final TaskId X = new TaskId("0000000000000000000000000000000a");
  static final TaskId Y = new TaskId("0000000000000000000000000000000b");
  static final ObservedAddress V4_AT_CHECKPOINT = new ObservedAddress("198.51.100.1", 4000);
  static final ObservedAddress V4_NOW = new ObservedAddress("198.51.100.1", 4100);
  static final ObservedAddress V6 = new ObservedAddress("2001:db8::1", 6000);
  private static final ClientCredentials CLIENT = new CredentialFactory().issue();

  /** Checkpointed at T0 (pulse at T0) with a lease to T0 + 400 s. */
  static FamilyEntry leased(AddressFamily family, TaskId task, long epoch, ObservedAddress at) {
    return new FamilyEntry(
        family, Optional.of(new Owner(task, epoch)), at, T0, T0.plusSeconds(400), 100);
  }

  static DirectoryEntry entry(FamilyEntry... families) {
    Map<AddressFamily, FamilyEntry> byFamily = new EnumMap<>(AddressFamily.class);
    for (FamilyEntry f : families) {
      byFamily.put(f.family(), f);
    }
    return new DirectoryEntry(
        CLIENT.clientId(),
        CLIENT.privateKey().verifier(),
        CLIENT.privateKey().pulseMacKey(),
        T0.minusSeconds(3600),
        T0.minusSeconds(3600),
        0,
        byFamily);
  }

  static OwnedState answer(
      AddressFamily family, long epoch, ObservedAddress at, Instant lastPulse, long counter) {
    return new OwnedState(family, epoch, at, lastPulse, counter);
  }

  @Test
  void anOwnersAnswerGivesTheExactLastPulseAndAddress() {
    DirectoryEntry stored = entry(leased(AddressFamily.IPV4, X, 3, V4_AT_CHECKPOINT));
    Instant lastPulse = T0.plusSeconds(250);
    DirectoryEntry exact =
        ExactState.combine(
            stored,
            Map.of(AddressFamily.IPV4, answer(AddressFamily.IPV4, 3, V4_NOW, lastPulse, 140)),
            RULES);
    assertThat(exact.latestFamily().orElseThrow().lastPulseAt()).isEqualTo(lastPulse);
    assertThat(exact.latestAddress()).contains(V4_NOW);
    assertThat(exact.liveness(RULES, lastPulse.plusSeconds(35))).isEqualTo(Liveness.ONLINE);
    assertThat(exact.family(AddressFamily.IPV4).orElseThrow().counter()).isEqualTo(140);
  }

  @Test
  void anOwnersAnswerTurnsTheClientPendingExactlyAtItsDeadlineThoughTheLeaseRunsOn() {
    DirectoryEntry stored = entry(leased(AddressFamily.IPV4, X, 3, V4_AT_CHECKPOINT));
    Instant lastPulse = T0.plusSeconds(10);
    DirectoryEntry exact =
        ExactState.combine(
            stored,
            Map.of(AddressFamily.IPV4, answer(AddressFamily.IPV4, 3, V4_NOW, lastPulse, 101)),
            RULES);
    Instant deadline = lastPulse.plus(RULES.timings().onlineWindow());
    assertThat(stored.liveness(RULES, deadline.plusMillis(1))).isEqualTo(Liveness.ONLINE);
    assertThat(exact.liveness(RULES, deadline)).isEqualTo(Liveness.ONLINE);
    assertThat(exact.liveness(RULES, deadline.plusMillis(1))).isEqualTo(Liveness.PENDING);
  }

  @Test
  void withoutAnAnswerTheDirectorysLeaseAndCheckpointStand() {
    // The owner is slow, dead, draining, or no longer owns the client: the channel leaves it out.
    DirectoryEntry stored = entry(leased(AddressFamily.IPV4, X, 3, V4_AT_CHECKPOINT));
    DirectoryEntry exact = ExactState.combine(stored, Map.of(), RULES);
    assertThat(exact).isEqualTo(stored);
    assertThat(exact.liveness(RULES, T0.plusSeconds(400))).isEqualTo(Liveness.ONLINE);
    assertThat(exact.liveness(RULES, T0.plusSeconds(401))).isEqualTo(Liveness.PENDING);
    assertThat(exact.latestAddress()).contains(V4_AT_CHECKPOINT);
  }

  @Test
  void anAnswerFromATaskThatLostTheFamilyIsIgnored() {
    DirectoryEntry stored = entry(leased(AddressFamily.IPV4, Y, 4, V4_AT_CHECKPOINT));
    DirectoryEntry exact =
        ExactState.combine(
            stored,
            Map.of(
                AddressFamily.IPV4,
                answer(AddressFamily.IPV4, 3, V4_NOW, T0.minusSeconds(100), 90)),
            RULES);
    assertThat(exact).isEqualTo(stored);
  }

  @Test
  void aNewerEpochThanTheDirectorysIsANewerOwnerAndCounts() {
    DirectoryEntry stored = entry(leased(AddressFamily.IPV4, X, 3, V4_AT_CHECKPOINT));
    Instant lastPulse = T0.plusSeconds(20);
    DirectoryEntry exact =
        ExactState.combine(
            stored,
            Map.of(AddressFamily.IPV4, answer(AddressFamily.IPV4, 4, V4_NOW, lastPulse, 120)),
            RULES);
    assertThat(exact.latestAddress()).contains(V4_NOW);
    assertThat(exact.family(AddressFamily.IPV4).orElseThrow().epoch()).isEqualTo(4);
  }

  @Test
  void oneLiveFamilyKeepsTheClientOnlineBesideAFamilyThatWentPending() {
    // v6 went silent: its owner wrote PENDING (onlineUntil = its deadline); v4's owner answers.
    Instant v6Pulse = T0.minusSeconds(100);
    FamilyEntry v6Pending =
        new FamilyEntry(
            AddressFamily.IPV6,
            Optional.of(new Owner(Y, 1)),
            V6,
            v6Pulse,
            v6Pulse.plus(RULES.timings().onlineWindow()),
            80);
    DirectoryEntry stored = entry(leased(AddressFamily.IPV4, X, 3, V4_AT_CHECKPOINT), v6Pending);
    Instant v4Pulse = T0.plusSeconds(300);
    DirectoryEntry exact =
        ExactState.combine(
            stored,
            Map.of(AddressFamily.IPV4, answer(AddressFamily.IPV4, 3, V4_NOW, v4Pulse, 150)),
            RULES);
    assertThat(exact.liveness(RULES, v4Pulse.plusSeconds(1))).isEqualTo(Liveness.ONLINE);
    assertThat(exact.latestAddress()).contains(V4_NOW);
    assertThat(exact.latestFamily().orElseThrow().lastPulseAt()).isEqualTo(v4Pulse);
  }

  @Test
  void aSilentAnsweredFamilyDoesNotHideAnotherFamilysLiveLease() {
    // v4's owner answers with an old pulse; v6's owner is unreachable but its lease runs.
    DirectoryEntry stored =
        entry(
            leased(AddressFamily.IPV4, X, 3, V4_AT_CHECKPOINT),
            leased(AddressFamily.IPV6, Y, 2, V6));
    Instant v4Pulse = T0.minusSeconds(60);
    DirectoryEntry exact =
        ExactState.combine(
            stored,
            Map.of(AddressFamily.IPV4, answer(AddressFamily.IPV4, 3, V4_NOW, v4Pulse, 101)),
            RULES);
    assertThat(exact.liveness(RULES, T0.plusSeconds(100))).isEqualTo(Liveness.ONLINE);
    assertThat(exact.latestAddress()).as("v6's checkpointed pulse is later").contains(V6);
  }
}
