package dev.rendezvous.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rendezvous.core.PeerNotFoundException;
import dev.rendezvous.core.UnknownClientException;
import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.Takeover;
import dev.rendezvous.core.directory.TaskId;
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
import org.junit.jupiter.api.Test;

/** The HTTP use cases over core's in-memory store (a full implementation of the port). */
class RendezvousServiceTest {
  private final MutableClock clock = MutableClock.startingAt("2026-11-26T12:00:00Z");
  private static final TaskId TASK = new TaskId("0123456789abcdef0123456789abcdef");
  private final LivenessRules rules = new LivenessRules(PulseTimings.DEFAULTS);
  private final InMemoryDirectory store = new InMemoryDirectory(rules, clock);
  private final RendezvousService service =
      new RendezvousService(store, new CredentialFactory(), rules, clock);

  @Test
  void peersSeeEachOthersAddressAndStatus() {
    PrivateKey alice = service.register().credentials().privateKey();
    PrivateKey bob = service.register().credentials().privateKey();
    assertThatThrownBy(() -> service.peerAddress(alice, bob.clientId()))
        .isInstanceOf(PeerNotFoundException.class);
    assertThat(service.peerStatus(alice, bob.clientId()).sinceLastPulse()).isEmpty();

    pulse(bob, new ObservedAddress("203.0.113.20", 40000));
    clock.advanceSeconds(12);
    PeerUdpAddress address = service.peerAddress(alice, bob.clientId());
    assertThat(address.address()).isEqualTo(new ObservedAddress("203.0.113.20", 40000));
    PeerStatus status = service.peerStatus(alice, bob.clientId());
    assertThat(status.liveness()).isEqualTo(Liveness.ONLINE);
    assertThat(status.sinceLastPulse()).contains(Duration.ofSeconds(12));

    clock.advanceSeconds(30);
    assertThat(service.peerStatus(alice, bob.clientId()).liveness()).isEqualTo(Liveness.PENDING);
  }

  @Test
  void verifyRevivesOnlyAPendingClient() {
    PrivateKey alice = service.register().credentials().privateKey();
    clock.advanceSeconds(20);
    assertThat(service.verify(alice).outcome()).isEqualTo(VerifyOutcome.ALREADY_ONLINE);
    clock.advanceSeconds(20);
    assertThat(service.verify(alice).revived()).isTrue();
    assertThat(service.verify(alice).outcome()).isEqualTo(VerifyOutcome.ALREADY_ONLINE);
    clock.advanceSeconds(211);
    assertThatThrownBy(() -> service.verify(alice)).isInstanceOf(UnknownClientException.class);
  }

  @Test
  void expiredPeersAndExpiredRequestersAreGone() {
    PrivateKey alice = service.register().credentials().privateKey();
    PrivateKey bob = service.register().credentials().privateKey();
    clock.advanceSeconds(211);
    assertThatThrownBy(() -> service.authenticate(alice))
        .isInstanceOf(UnknownClientException.class);
    PrivateKey carol = service.register().credentials().privateKey();
    assertThatThrownBy(() -> service.peerStatus(carol, bob.clientId()))
        .isInstanceOf(PeerNotFoundException.class);
  }

  @Test
  void aPeerExpiringDuringTheRequestIsNeverReportedExpired() {
    Instant start = clock.instant();
    PrivateKey bob = service.register().credentials().privateKey();
    pulse(bob, new ObservedAddress("203.0.113.20", 40000));
    clock.set(start.plusSeconds(200));
    PrivateKey alice = service.register().credentials().privateKey();
    Instant bobExpiresAfter = start.plus(PulseTimings.DEFAULTS.lifetime());
    // The clock advances 1 ms on every read. Whichever read the expiry falls between, the answer
    // is either the peer's live status or "not found", never a status of EXPIRED.
    clock.advanceOnEveryRead(Duration.ofMillis(1));
    for (int aliveReads = 0; aliveReads <= 6; aliveReads++) {
      clock.set(bobExpiresAfter.minusMillis(aliveReads - 1L));
      try {
        PeerStatus status = service.peerStatus(alice, bob.clientId());
        assertThat(status.liveness()).isIn(Liveness.ONLINE, Liveness.PENDING);
        assertThat(status.sinceLastPulse()).contains(Duration.between(start, status.at()));
      } catch (PeerNotFoundException expired) {
        assertThat(expired).hasMessageContaining("expired");
      }
    }
  }

  @Test
  void thePeerAddressIsAnsweredAtTheInstantItWasRead() {
    PrivateKey alice = service.register().credentials().privateKey();
    PrivateKey bob = service.register().credentials().privateKey();
    pulse(bob, new ObservedAddress("203.0.113.20", 40000));
    Instant asked = clock.instant().plusSeconds(3);
    clock.set(asked);
    clock.advanceOnEveryRead(Duration.ofMillis(1));

    assertThat(service.peerAddress(alice, bob.clientId()).at()).isEqualTo(asked);
  }

  @Test
  void aWrongKeyIsUnknown() {
    PrivateKey stranger = new CredentialFactory().issue().privateKey();
    assertThatThrownBy(() -> service.authenticate(stranger))
        .isInstanceOf(UnknownClientException.class);
    assertThatThrownBy(() -> service.verify(stranger)).isInstanceOf(UnknownClientException.class);
  }

  /** A pulse received now, as its owner records it (ONLINE until one window after it). */
  private void pulse(PrivateKey key, ObservedAddress from) {
    Instant now = clock.instant();
    store
        .live()
        .takeOver(
            new Takeover(
                key.clientId(),
                AddressFamily.of(from),
                TASK,
                from,
                now,
                now.plus(PulseTimings.DEFAULTS.onlineWindow()),
                0));
  }
}
