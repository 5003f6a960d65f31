package dev.rendezvous.core.registry;

import dev.rendezvous.core.ClientIdCollisionException;
import dev.rendezvous.core.StorageUnavailableException;
import dev.rendezvous.core.UnknownClientException;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.time.Instant;
import java.util.Optional;

/**
 * The storage port: a few operations on one item per client. Implementations take the current time
 * from an injected clock and enforce every rule with conditional writes, so that nothing is lost or
 * resurrected under races:
 *
 * <ul>
 *   <li>a pulse never recreates a logged-out or expired client;
 *   <li>verify only revives a PENDING client;
 *   <li>logout is final.
 * </ul>
 *
 * Every method throws {@link StorageUnavailableException} when storage cannot answer.
 */
public interface ClientRegistry {

  /**
   * Stores a new client, ONLINE from now on.
   *
   * @return the registration time
   * @throws ClientIdCollisionException if the client_id is taken
   */
  Instant register(ClientCredentials credentials);

  /**
   * Revives a PENDING client, or reports that it was already ONLINE.
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
   * Records a v1 pulse (the key itself on the wire) from {@code source} in one conditional write.
   * Only an ONLINE client is updated.
   */
  PulseOutcome recordPulse(PrivateKey key, ObservedAddress source);

  /** Reads one client as stored, whatever its liveness; empty if there is no such item. */
  Optional<ClientSnapshot> find(ClientId clientId);

  /**
   * Deletes clients that expired before now, within a time budget; safe to run concurrently and at
   * any time, because every delete is conditional on the client still being expired.
   */
  SweepReport sweepExpired(Instant deadline);
}
