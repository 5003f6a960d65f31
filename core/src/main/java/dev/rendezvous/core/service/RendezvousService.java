package dev.rendezvous.core.service;

import dev.rendezvous.core.ClientIdCollisionException;
import dev.rendezvous.core.PeerNotFoundException;
import dev.rendezvous.core.UnknownClientException;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.FamilyEntry;
import dev.rendezvous.core.directory.LanCandidates;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.core.registry.ObservedAddress;
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
import java.util.List;

/**
 * The HTTP use cases over the directory and the clients' live owners (docs/architecture.md,
 * "Readers"). Each request reads the clock once. A peer's status, {@code last_online} and address
 * come from the exact state: the directory's entry with each family's values replaced by its live
 * owner's answer, when the owner answers within the channel's timeout. Bearer keys are checked in
 * constant time against the stored verifier; an expired client is treated as gone on every path,
 * however late the sweep.
 */
public final class RendezvousService {
  private static final int REGISTER_ATTEMPTS = 3;

  private final ClientRegistry registry;
  private final CredentialFactory credentials;
  private final LivenessRules rules;
  private final Clock clock;
  private final OwnerQueries owners;

  public RendezvousService(
      ClientRegistry registry,
      CredentialFactory credentials,
      LivenessRules rules,
      Clock clock,
      OwnerQueries owners) {
    this.registry = registry;
    this.credentials = credentials;
    this.rules = rules;
    this.clock = clock;
    this.owners = owners;
  }

  /** A service that reads the directory alone, for a process that has no edges to ask. */
  public RendezvousService(
      ClientRegistry registry, CredentialFactory credentials, LivenessRules rules, Clock clock) {
    this(registry, credentials, rules, clock, OwnerQueries.none());
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
   * Revives a PENDING client: "was PENDING" is decided from the exact state (the live owners'), and
   * only then is the verify write made (it refuses an expired client, and revives a client once);
   * then the live owners are told, so that their next answer to the client is 1020.
   */
  public VerifyResult verify(PrivateKey key) {
    Instant now = clock.instant();
    DirectoryEntry entry = authenticated(key, now);
    List<TaskRecord> live = owners.of(entry, now);
    Liveness liveness = exact(entry, live).liveness(rules, now);
    if (liveness == Liveness.EXPIRED) {
      throw unknownKey();
    }
    if (liveness == Liveness.ONLINE) {
      return new VerifyResult(key.clientId(), VerifyOutcome.ALREADY_ONLINE, now);
    }
    VerifyOutcome outcome = registry.verify(key);
    if (outcome == VerifyOutcome.REVIVED) {
      owners.verified(entry, now, live);
    }
    return new VerifyResult(key.clientId(), outcome, now);
  }

  /**
   * Deletes the client, then tells its live owners, so that their next answer to the client is
   * 1060. An owner that cannot be told finds out at its next conditional write.
   */
  public void logout(PrivateKey key) {
    Instant now = clock.instant();
    DirectoryEntry entry = authenticated(key, now);
    List<TaskRecord> live = owners.of(entry, now);
    registry.logout(key);
    owners.loggedOut(entry, live);
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

  /**
   * A peer's address (that of its latest pulse, as the seed answered) and its candidates, those the
   * requester may see ({@link PeerCandidates}).
   */
  public PeerUdpAddress peerAddress(PrivateKey requester, ClientId target) {
    Instant now = clock.instant();
    DirectoryEntry me = authenticated(requester, now);
    DirectoryEntry peer = livePeer(target, now);
    FamilyEntry latest =
        peer.latestFamily()
            .orElseThrow(() -> new PeerNotFoundException("peer " + target + " has not pulsed yet"));
    return new PeerUdpAddress(
        target,
        latest.address(),
        latest.lastPulseAt(),
        PeerCandidates.of(me, peer, rules, now),
        now);
  }

  /**
   * Stores the caller's LAN addresses (replacing those it reported before), with the public IPv4
   * address it is recorded behind now: peers see them only behind that same address.
   *
   * @return the stored candidates (canonical hosts, duplicates removed)
   * @throws dev.rendezvous.core.InvalidRequestException if a candidate is not a reachable IP
   *     literal with a port, or there are too many
   */
  public List<ObservedAddress> reportLanCandidates(
      PrivateKey key, List<ObservedAddress> addresses) {
    List<ObservedAddress> valid = LanCandidateRules.validated(addresses);
    DirectoryEntry me = authenticated(key, clock.instant());
    registry.reportLanCandidates(key, new LanCandidates(me.publicIpv4(), valid));
    return valid;
  }

  public PeerStatus peerStatus(PrivateKey requester, ClientId target) {
    Instant now = clock.instant();
    authenticated(requester, now);
    DirectoryEntry peer = livePeer(target, now);
    return new PeerStatus(
        target,
        peer.liveness(rules, now),
        peer.latestFamily()
            .map(FamilyEntry::lastPulseAt)
            .map(at -> at.isAfter(now) ? Duration.ZERO : Duration.between(at, now)),
        now);
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

  /** The peer's exact state; gone if there is no such client or it has expired. */
  private DirectoryEntry livePeer(ClientId target, Instant now) {
    DirectoryEntry stored =
        registry.find(target).orElseThrow(() -> new PeerNotFoundException("no client " + target));
    DirectoryEntry peer = exact(stored, owners.of(stored, now));
    if (peer.liveness(rules, now) == Liveness.EXPIRED) {
      throw new PeerNotFoundException("client " + target + " has expired");
    }
    return peer;
  }

  private DirectoryEntry exact(DirectoryEntry entry, List<TaskRecord> live) {
    return ExactState.combine(entry, owners.ask(entry, live), rules);
  }

  private static UnknownClientException unknownKey() {
    return new UnknownClientException("unknown or expired key");
  }

  public Clock clock() {
    return clock;
  }
}
