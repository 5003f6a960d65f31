package dev.rendezvous.core.directory;

import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The slice of the directory the edge needs, asynchronous so that an event loop never blocks. Every
 * write is one conditional write on one item, safe under the SDK's retries; a failed stage carries
 * a {@code StorageUnavailableException} when storage could not answer. docs/architecture.md has the
 * rules.
 *
 * <p>Counters: a counter of 0 in a {@link Takeover} or {@link OwnerWrite} means "no v2 counter" (a
 * v1 pulse): there is no counter condition and the stored counter is left alone. An owner starts
 * its memory's counter at {@link DirectoryEntry#highestCounter()} and never writes a lower one.
 */
public interface LiveDirectory {

  /** Reads a client (strongly consistent); empty when there is no such client. */
  CompletionStage<Optional<DirectoryEntry>> find(ClientId clientId);

  /**
   * Takes ownership of one family of a client for {@code takeover.task()}: conditional on the
   * client existing, being ONLINE by the directory at {@code takeover.lastPulseAt()} (its effective
   * last seen, so a PENDING write that landed first does not beat a pulse that was on time) and,
   * for v2, on the counter being above {@link DirectoryEntry#highestCounter()}. Sets the owner with
   * the next epoch, the address, the pulse time, onlineUntil and the counter, and reports the owner
   * it replaced. A v2 takeover refused as PENDING burns its counter.
   */
  CompletionStage<TakeoverResult> takeOver(Takeover takeover);

  /**
   * An owned family's pulse came from a new source (after the fresh proof, for v2): conditional on
   * the owner and, for v2, on the counter being above the client's highest. Writes the address, the
   * pulse time, onlineUntil and the counter.
   */
  CompletionStage<OwnerWriteResult> moveAddress(OwnerWrite write, ObservedAddress newAddress);

  /** Renews the owner's lease and writes the exact last pulse and counter (owner condition). */
  CompletionStage<OwnerWriteResult> checkpoint(OwnerWrite write);

  /**
   * The ONLINE to PENDING transition of one family, at its deadline: sets onlineUntil to {@code
   * lastPulseAt + window} and the pulse time to {@code lastPulseAt} (owner condition). It never
   * shortens the client's expiry, so another family's lease keeps the client alive.
   */
  CompletionStage<OwnerWriteResult> markPending(
      ClientId clientId, AddressFamily family, Owner owner, Instant lastPulseAt);

  /**
   * Reads a task's heartbeat item (eventually consistent is enough); empty when there is none (it
   * never started, or its item expired). The edge uses it to tell whether a previous owner is alive
   * and where to reach it.
   */
  CompletionStage<Optional<TaskRecord>> findTask(TaskId task);

  /** Writes this task's heartbeat item. */
  CompletionStage<Void> heartbeat(TaskRecord task);

  /** The secret that authenticates the internal API, created (once, for everyone) if absent. */
  CompletionStage<InternalSecret> internalSecret();
}
