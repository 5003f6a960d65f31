package dev.rendezvous.core.registry;

import dev.rendezvous.core.ClientIdCollisionException;
import dev.rendezvous.core.StorageUnavailableException;
import dev.rendezvous.core.UnknownClientException;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.InternalSecret;
import dev.rendezvous.core.directory.LanCandidates;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.time.Instant;
import java.util.Optional;

/**
 * The directory as the HTTP routes and the expiry job use it (synchronous; the edge's slice is
 * {@link dev.rendezvous.core.directory.LiveDirectory}). Implementations take the current time from
 * an injected clock and enforce every rule with conditional writes on one item, judged by the
 * client's effective last seen ({@link DirectoryEntry#effectiveLastSeen}), so that nothing is lost
 * or resurrected under races:
 *
 * <ul>
 *   <li>no write recreates a logged-out or expired client;
 *   <li>verify revives a client once, and never an expired one;
 *   <li>logout is final.
 * </ul>
 *
 * Every method throws {@link StorageUnavailableException} when storage cannot answer.
 */
public interface ClientRegistry {

  /**
   * Stores a new client, ONLINE from now on. Registering the same credentials again (what a retried
   * request does) changes nothing and returns the first registration's time.
   *
   * @return the registration time
   * @throws ClientIdCollisionException if the client_id is taken by another key
   */
  Instant register(ClientCredentials credentials);

  /** Reads one client as stored, whatever its liveness; empty if there is no such client. */
  Optional<DirectoryEntry> find(ClientId clientId);

  /**
   * The verify write, for a client the caller found PENDING by its exact state: sets the client's
   * last seen to now, conditional on the key matching and the client not being expired. Two racing
   * verifies revive it once: the write is refused ({@link VerifyOutcome#ALREADY_ONLINE}) when a
   * verify within the online window already did.
   *
   * @throws UnknownClientException if the key names no unexpired client
   */
  VerifyOutcome verify(PrivateKey key);

  /**
   * Removes the client at once; its next pulse gets 1060 and its id is never reused.
   *
   * @throws UnknownClientException if the key names no unexpired client
   */
  void logout(PrivateKey key);

  /**
   * Replaces the client's LAN candidates (an idempotent write, conditional on the key matching and
   * the client not being expired).
   *
   * @throws UnknownClientException if the key names no unexpired client
   */
  void reportLanCandidates(PrivateKey key, LanCandidates candidates);

  /** An edge task's heartbeat record; empty if the task never wrote one (or it was cleaned up). */
  Optional<TaskRecord> findTask(TaskId task);

  /** The internal API's secret, if an edge created it; never creates it. */
  Optional<InternalSecret> findInternalSecret();

  /**
   * Deletes clients that expired before now, within a time budget; safe to run concurrently and at
   * any time, because every delete is conditional on the client still being expired.
   */
  SweepReport sweepExpired(Instant deadline);
}
