package dev.rendezvous.core.service;

import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.FamilyEntry;
import dev.rendezvous.core.registry.ClientIdCollisionException;
import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.core.registry.UnknownClientException;
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

  /**
   * Revives a PENDING client: "was PENDING" is decided from the client's state, and only then is
   * the verify write made (it refuses an expired client, and revives a client once).
   */
  public VerifyResult verify(PrivateKey key) {
    Instant now = clock.instant();
    DirectoryEntry entry = authenticated(key, now);
    if (entry.liveness(rules, now) == Liveness.ONLINE) {
      return new VerifyResult(key.clientId(), VerifyOutcome.ALREADY_ONLINE, now);
    }
    VerifyOutcome outcome = registry.verify(key);
    return new VerifyResult(key.clientId(), outcome, now);
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
    return authenticated(key, clock.instant()).clientId();
  }

  private DirectoryEntry authenticated(PrivateKey key, Instant now) {
    DirectoryEntry entry = registry.find(key.clientId()).orElseThrow(RendezvousService::unknownKey);
    boolean matches = entry.keyVerifier().matches(key);
    boolean alive = entry.liveness(rules, now) != Liveness.EXPIRED;
    if (!matches || !alive) {
      throw unknownKey();
    }
    return entry;
  }

  public PeerUdpAddress peerAddress(PrivateKey requester, ClientId target) {
    authenticate(requester);
    FamilyEntry latest =
        livePeer(target)
            .latestFamily()
            .orElseThrow(() -> new PeerNotFoundException("peer " + target + " has not pulsed yet"));
    return new PeerUdpAddress(target, latest.address(), latest.lastPulseAt());
  }

  public PeerStatus peerStatus(PrivateKey requester, ClientId target) {
    authenticate(requester);
    DirectoryEntry peer = livePeer(target);
    Instant now = clock.instant();
    Liveness liveness = peer.liveness(rules, now);
    return new PeerStatus(
        target,
        liveness,
        peer.latestFamily()
            .map(FamilyEntry::lastPulseAt)
            .map(at -> at.isAfter(now) ? Duration.ZERO : Duration.between(at, now)));
  }

  private DirectoryEntry livePeer(ClientId target) {
    DirectoryEntry peer =
        registry.find(target).orElseThrow(() -> new PeerNotFoundException("no client " + target));
    if (peer.liveness(rules, clock.instant()) == Liveness.EXPIRED) {
      throw new PeerNotFoundException("client " + target + " has expired");
    }
    return peer;
  }

  private static UnknownClientException unknownKey() {
    return new UnknownClientException("unknown or expired key");
  }

  public Clock clock() {
    return clock;
  }
}
