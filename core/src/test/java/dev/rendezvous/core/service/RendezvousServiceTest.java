package dev.rendezvous.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rendezvous.core.PeerNotFoundException;
import dev.rendezvous.core.UnknownClientException;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.registry.memory.InMemoryClientRegistry;
import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The HTTP use cases over core's in-memory store (a full implementation of the port). */
class RendezvousServiceTest {
  private Instant now = Instant.parse("2026-11-26T12:00:00Z");
  private Duration tick = Duration.ZERO;
  private final Clock clock =
      new Clock() {
        @Override
        public Instant instant() {
          Instant read = now;
          now = now.plus(tick);
          return read;
        }

        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }
      };
  private final LivenessRules rules = new LivenessRules(PulseTimings.DEFAULTS);
  private final InMemoryClientRegistry store = new InMemoryClientRegistry(rules, clock);
  private final RendezvousService service =
      new RendezvousService(store, new CredentialFactory(), rules, clock);

  @Test
  void peersSeeEachOthersAddressAndStatus() {
    PrivateKey alice = service.register().credentials().privateKey();
    PrivateKey bob = service.register().credentials().privateKey();
    assertThatThrownBy(() -> service.peerAddress(alice, bob.clientId()))
        .isInstanceOf(PeerNotFoundException.class);
    assertThat(service.peerStatus(alice, bob.clientId()).sinceLastPulse()).isEmpty();

    store.recordPulse(bob, new ObservedAddress("203.0.113.20", 40000));
    now = now.plusSeconds(12);
    PeerUdpAddress address = service.peerAddress(alice, bob.clientId());
    assertThat(address.address()).isEqualTo(new ObservedAddress("203.0.113.20", 40000));
    PeerStatus status = service.peerStatus(alice, bob.clientId());
    assertThat(status.liveness()).isEqualTo(Liveness.ONLINE);
    assertThat(status.sinceLastPulse()).contains(Duration.ofSeconds(12));

    now = now.plusSeconds(30);
    assertThat(service.peerStatus(alice, bob.clientId()).liveness()).isEqualTo(Liveness.PENDING);
  }

  @Test
  void expiredPeersAndExpiredRequestersAreGone() {
    PrivateKey alice = service.register().credentials().privateKey();
    PrivateKey bob = service.register().credentials().privateKey();
    now = now.plusSeconds(211);
    assertThatThrownBy(() -> service.authenticate(alice))
        .isInstanceOf(UnknownClientException.class);
    PrivateKey carol = service.register().credentials().privateKey();
    assertThatThrownBy(() -> service.peerStatus(carol, bob.clientId()))
        .isInstanceOf(PeerNotFoundException.class);
  }

  @Test
  void aPeerExpiringDuringTheRequestIsNeverReportedExpired() {
    Instant start = now;
    PrivateKey bob = service.register().credentials().privateKey();
    store.recordPulse(bob, new ObservedAddress("203.0.113.20", 40000));
    now = start.plusSeconds(200);
    PrivateKey alice = service.register().credentials().privateKey();
    Instant bobExpiresAfter = start.plus(PulseTimings.DEFAULTS.lifetime());
    // The clock advances 1 ms on every read. Whichever read the expiry falls between, the answer
    // is either the peer's live status or "not found", never a status of EXPIRED.
    tick = Duration.ofMillis(1);
    for (int aliveReads = 0; aliveReads <= 6; aliveReads++) {
      now = bobExpiresAfter.minusMillis(aliveReads - 1L);
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
    store.recordPulse(bob, new ObservedAddress("203.0.113.20", 40000));
    Instant asked = now.plusSeconds(3);
    now = asked;
    tick = Duration.ofMillis(1);

    assertThat(service.peerAddress(alice, bob.clientId()).at()).isEqualTo(asked);
  }

  @Test
  void aWrongKeyIsUnknown() {
    PrivateKey stranger = new CredentialFactory().issue().privateKey();
    assertThatThrownBy(() -> service.authenticate(stranger))
        .isInstanceOf(UnknownClientException.class);
    assertThatThrownBy(() -> service.verify(stranger)).isInstanceOf(UnknownClientException.class);
  }
}
