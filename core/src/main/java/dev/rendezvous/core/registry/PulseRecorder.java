package dev.rendezvous.core.registry;

import dev.rendezvous.core.StorageUnavailableException;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The slice of storage the UDP edge needs, asynchronous so that the event loop never blocks. A
 * failed stage carries a {@link StorageUnavailableException} when storage could not answer.
 */
public interface PulseRecorder {

  /** As {@link ClientRegistry#recordPulse}: one conditional write, ONLINE clients only. */
  CompletionStage<PulseOutcome> pulse(PrivateKey key, ObservedAddress source);

  /**
   * Records an authenticated (v2) pulse whose MAC the caller has already checked: one conditional
   * write that also requires {@code counter} to be above the last accepted counter, so a replayed
   * datagram is {@link PulseOutcome#REPLAYED} and changes nothing. Outcomes are decided in this
   * order: no such item, UNKNOWN; counter not above the stored one, REPLAYED; expired, UNKNOWN;
   * PENDING, PENDING; otherwise ACCEPTED.
   */
  CompletionStage<PulseOutcome> authenticatedPulse(
      ClientId clientId, long counter, ObservedAddress source);

  /** Reads a client (for its pulse MAC key); empty when there is no such item. */
  CompletionStage<Optional<ClientSnapshot>> lookUp(ClientId clientId);
}
