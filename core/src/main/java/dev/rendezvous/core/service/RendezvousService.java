package dev.rendezvous.core.service;

import dev.rendezvous.core.ClientIdCollisionException;
import dev.rendezvous.core.PeerNotFoundException;
import dev.rendezvous.core.UnknownClientException;
import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.core.registry.ClientSnapshot;
import dev.rendezvous.core.registry.VerifyOutcome;
import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The HTTP use cases over the storage port. Bearer keys are checked in constant time against the
 * stored verifier; an expired client is treated as gone on every path, however late the sweep.
 */
public final class RendezvousService {
  private static final int REGISTER_ATTEMPTS = 3;

  private final ClientRegistry registry;
  private final CredentialFactory credentials;
  private final LivenessRules rules;
  private final Clock clock;

  public RendezvousService(
      ClientRegistry registry, CredentialFactory credentials, LivenessRules rules, Clock clock) {
    this.registry = registry;
    this.credentials = credentials;
    this.rules = rules;
    this.clock = clock;
  }

  public Registration register() {
    ClientIdCollisionException last = null;
    for (int attempt = 0; attempt < REGISTER_ATTEMPTS; attempt++) {
      ClientCredentials issued = credentials.issue();
      try {
        return new Registration(issued, registry.register(issued));
      } catch (ClientIdCollisionException e) {
        last = e;
      }
    }
    throw new IllegalStateException("could not find a free client_id", last);
  }

  public VerifyResult verify(PrivateKey key) {
    VerifyOutcome outcome = registry.verify(key);
    return new VerifyResult(key.clientId(), outcome, clock.instant());
  }

  public void logout(PrivateKey key) {
    registry.logout(key);
  }

  /**
   * Checks a Bearer key: the client must exist, not be expired, and its stored verifier must match
   * (constant-time).
   *
   * @throws UnknownClientException otherwise
   */
  public ClientId authenticate(PrivateKey key) {
    return authenticate(key, clock.instant());
  }

  /**
   * The peer's last observed address; the answer's instant is the one the request was judged at.
   */
  public PeerUdpAddress peerAddress(PrivateKey requester, ClientId target) {
    Instant now = clock.instant();
    authenticate(requester, now);
    ClientSnapshot peer = livePeer(target, now);
    if (peer.lastAddress().isEmpty() || peer.lastPulseAt().isEmpty()) {
      throw new PeerNotFoundException("peer " + target + " has not pulsed yet");
    }
    return new PeerUdpAddress(target, peer.lastAddress().get(), peer.lastPulseAt().get(), now);
  }

  /**
   * The peer's liveness. The clock is read once per request: a peer is judged alive (or expired)
   * and its status computed at the same instant, so an expiry between two reads can never surface
   * as a status.
   */
  public PeerStatus peerStatus(PrivateKey requester, ClientId target) {
    Instant now = clock.instant();
    authenticate(requester, now);
    ClientSnapshot peer = livePeer(target, now);
    return new PeerStatus(
        target,
        peer.liveness(rules, now),
        peer.lastPulseAt().map(at -> at.isAfter(now) ? Duration.ZERO : Duration.between(at, now)),
        now);
  }

  private ClientId authenticate(PrivateKey key, Instant now) {
    ClientSnapshot snapshot =
        registry.find(key.clientId()).orElseThrow(RendezvousService::unknownKey);
    boolean matches = snapshot.keyVerifier().matches(key);
    boolean alive = snapshot.liveness(rules, now) != Liveness.EXPIRED;
    if (!matches || !alive) {
      throw unknownKey();
    }
    return snapshot.clientId();
  }

  private ClientSnapshot livePeer(ClientId target, Instant now) {
    ClientSnapshot peer =
        registry.find(target).orElseThrow(() -> new PeerNotFoundException("no client " + target));
    if (peer.liveness(rules, now) == Liveness.EXPIRED) {
      throw new PeerNotFoundException("client " + target + " has expired");
    }
    return peer;
  }

  private static UnknownClientException unknownKey() {
    return new UnknownClientException("unknown or expired key");
  }
}
