package dev.rendezvous.core.registry;

import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The per-pulse write path the UDP edge used before it owned live state: every accepted pulse is
 * one conditional write, recorded as a family without an owner. It gives way to {@link
 * dev.rendezvous.core.directory.LiveDirectory}. A failed stage carries a {@link
 * StorageUnavailableException} when storage could not answer.
 */
public interface PulseRecorder {

  /** A v1 pulse (the key itself on the wire): one conditional write, ONLINE clients only. */
  CompletionStage<PulseOutcome> pulse(PrivateKey key, ObservedAddress source);

  /**
   * Records an authenticated (v2) pulse whose MAC the caller has already checked: one conditional
   * write that also requires {@code counter} to be above the client's highest counter, so a
   * replayed datagram is {@link PulseOutcome#REPLAYED} and changes nothing. Outcomes are decided in
   * this order: no such item, UNKNOWN; counter not above the stored one, REPLAYED; expired,
   * UNKNOWN; PENDING, PENDING (the counter is burned); otherwise ACCEPTED.
   */
  CompletionStage<PulseOutcome> authenticatedPulse(
      ClientId clientId, long counter, ObservedAddress source);

  /** Reads a client (for its pulse MAC key); empty when there is no such item. */
  CompletionStage<Optional<DirectoryEntry>> find(ClientId clientId);
}
