package dev.rendezvous.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rendezvous.core.PeerNotFoundException;
import dev.rendezvous.core.UnknownClientException;
import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.OwnedState;
import dev.rendezvous.core.directory.Takeover;
import dev.rendezvous.core.directory.TakeoverResult;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.core.directory.TaskState;
import dev.rendezvous.core.directory.memory.InMemoryDirectory;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.registry.VerifyOutcome;
import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.protocol.identity.PrivateKey;
import dev.rendezvous.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The routes' use cases with live owners, over core's in-memory directory: an owner that answers
 * makes the status exact; one that is dead, draining, slow or no longer the owner leaves the
 * directory's values; verify decides from the exact state and tells the owners; logout tells them.
 */
class RendezvousServiceOwnersTest {
  private static final Duration LEASE = Duration.ofSeconds(400);
  private static final TaskId X = new TaskId("0000000000000000000000000000000a");
  private static final ObservedAddress CHECKPOINTED = new ObservedAddress("203.0.113.20", 40000);
  private static final ObservedAddress MOVED = new ObservedAddress("203.0.113.20", 40001);

  private final MutableClock clock = MutableClock.startingAt("2026-11-26T12:00:00Z");
  private final LivenessRules rules = new LivenessRules(PulseTimings.DEFAULTS);
  private final InMemoryDirectory directory = new InMemoryDirectory(rules, clock);
  private final RecordingOwnerChannel channel = new RecordingOwnerChannel();
  private final RendezvousService service =
      new RendezvousService(
          directory,
          new CredentialFactory(),
          rules,
          clock,
          new OwnerQueries(
              new TaskRecordCache(directory::findTask, Duration.ZERO),
              channel,
              OwnerQueries.DEFAULT_STALE_AFTER));

  private PrivateKey alice;
  private PrivateKey bob;
  private long epoch;
  private Instant takenAt;

  @BeforeEach
  void bobIsOwnedByX() {
    alice = service.register().credentials().privateKey();
    bob = service.register().credentials().privateKey();
    takenAt = clock.instant();
    TakeoverResult result =
        directory
            .live()
            .takeOver(
                new Takeover(
                    bob.clientId(),
                    AddressFamily.IPV4,
                    X,
                    CHECKPOINTED,
                    takenAt,
                    takenAt.plus(LEASE),
                    0))
            .toCompletableFuture()
            .join();
    epoch = ((TakeoverResult.Taken) result).owner().epoch();
    heartbeat(TaskState.SERVING);
  }

  private void heartbeat(TaskState state) {
    directory
        .live()
        .heartbeat(new TaskRecord(X, "10.0.0.7", 5027, takenAt, clock.instant(), state, "task-x"))
        .toCompletableFuture()
        .join();
  }

  private void xAnswers(Instant lastPulse, ObservedAddress at) {
    channel.answers.put(X, List.of(new OwnedState(AddressFamily.IPV4, epoch, at, lastPulse, 0)));
  }

  @Test
  void whileTheOwnerAnswersStatusAndLastOnlineAreExact() {
    clock.advanceSeconds(100);
    heartbeat(TaskState.SERVING);
    xAnswers(clock.instant().minusSeconds(7), MOVED);
    PeerStatus status = service.peerStatus(alice, bob.clientId());
    assertThat(status.liveness()).isEqualTo(Liveness.ONLINE);
    assertThat(status.sinceLastPulse()).contains(Duration.ofSeconds(7));
    assertThat(service.peerAddress(alice, bob.clientId()).address()).isEqualTo(MOVED);
    assertThat(channel.asked).hasSize(2);
  }

  @Test
  void theOwnersAnswerMakesAClientPendingAtItsDeadlineDespiteTheLease() {
    Instant lastPulse = clock.instant().plusSeconds(10);
    clock.advanceSeconds(46);
    heartbeat(TaskState.SERVING);
    xAnswers(lastPulse, CHECKPOINTED);
    assertThat(service.peerStatus(alice, bob.clientId()).liveness()).isEqualTo(Liveness.PENDING);
  }

  @Test
  void aSlowOrNoLongerOwningOwnerLeavesTheDirectorysLease() {
    clock.advanceSeconds(100);
    heartbeat(TaskState.SERVING);
    // X answers nothing (too slow, or it lost the client): the channel leaves it out.
    PeerStatus status = service.peerStatus(alice, bob.clientId());
    assertThat(status.liveness()).isEqualTo(Liveness.ONLINE);
    assertThat(status.sinceLastPulse()).as("as of the takeover").contains(Duration.ofSeconds(100));
    assertThat(channel.asked).hasSize(1);
  }

  @Test
  void aDeadOwnerIsNotAskedAndTheLeaseHolds() {
    clock.advanceSeconds(16); // the heartbeat is now 16 s old
    xAnswers(clock.instant(), MOVED);
    assertThat(service.peerStatus(alice, bob.clientId()).liveness()).isEqualTo(Liveness.ONLINE);
    assertThat(service.peerAddress(alice, bob.clientId()).address()).isEqualTo(CHECKPOINTED);
    assertThat(channel.asked).isEmpty();
    clock.set(takenAt.plus(LEASE).plusMillis(1));
    PrivateKey carol = service.register().credentials().privateKey(); // alice has expired by now
    assertThat(service.peerStatus(carol, bob.clientId()).liveness()).isEqualTo(Liveness.PENDING);
  }

  @Test
  void aDrainingOwnerIsNotAsked() {
    heartbeat(TaskState.DRAINING);
    xAnswers(clock.instant(), MOVED);
    assertThat(service.peerAddress(alice, bob.clientId()).address()).isEqualTo(CHECKPOINTED);
    assertThat(channel.asked).isEmpty();
  }

  @Test
  void verifyOfAClientTheOwnerStillHearsFromIsAlreadyOnlineAndWritesNothing() {
    clock.advanceSeconds(100);
    heartbeat(TaskState.SERVING);
    xAnswers(clock.instant().minusSeconds(5), CHECKPOINTED);
    assertThat(service.verify(bob).outcome()).isEqualTo(VerifyOutcome.ALREADY_ONLINE);
    assertThat(channel.told).isEmpty();
  }

  @Test
  void verifyOfAClientPendingByItsOwnerRevivesItAndTellsTheOwner() {
    clock.advanceSeconds(100);
    heartbeat(TaskState.SERVING);
    // The lease says ONLINE until +400 s, but the owner last heard from bob 60 s ago.
    xAnswers(clock.instant().minusSeconds(60), CHECKPOINTED);
    VerifyResult result = service.verify(bob);
    assertThat(result.outcome()).isEqualTo(VerifyOutcome.REVIVED);
    assertThat(channel.told).containsExactly("verified " + X + " " + result.at());
    xAnswers(clock.instant().minusSeconds(60), CHECKPOINTED); // the owner's memory may lag
    assertThat(service.peerStatus(alice, bob.clientId()).liveness())
        .as("verify wrote lastSeenAt = now")
        .isEqualTo(Liveness.ONLINE);
  }

  @Test
  void logoutDeletesThenTellsTheLiveOwner() {
    service.logout(bob);
    assertThat(channel.told).containsExactly("loggedOut " + X);
    assertThat(directory.find(bob.clientId())).isEmpty();
    assertThatThrownBy(() -> service.peerStatus(alice, bob.clientId()))
        .isInstanceOf(PeerNotFoundException.class);
    assertThatThrownBy(() -> service.logout(bob)).isInstanceOf(UnknownClientException.class);
  }
}
