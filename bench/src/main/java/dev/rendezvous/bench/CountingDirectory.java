package dev.rendezvous.bench;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.InternalSecret;
import dev.rendezvous.core.directory.LiveDirectory;
import dev.rendezvous.core.directory.Owner;
import dev.rendezvous.core.directory.OwnerWrite;
import dev.rendezvous.core.directory.OwnerWriteResult;
import dev.rendezvous.core.directory.Takeover;
import dev.rendezvous.core.directory.TakeoverResult;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the client-item calls the edge makes: writes (takeovers, address moves, checkpoints,
 * PENDING transitions) and reads (client items); heartbeats are counted apart.
 */
final class CountingDirectory implements LiveDirectory {
  private final LiveDirectory real;
  final LongAdder writes = new LongAdder();
  final LongAdder reads = new LongAdder();
  final LongAdder heartbeats = new LongAdder();

  CountingDirectory(LiveDirectory real) {
    this.real = real;
  }

  @Override
  public CompletionStage<Optional<DirectoryEntry>> find(ClientId clientId) {
    reads.increment();
    return real.find(clientId);
  }

  @Override
  public CompletionStage<TakeoverResult> takeOver(Takeover takeover) {
    writes.increment();
    return real.takeOver(takeover);
  }

  @Override
  public CompletionStage<OwnerWriteResult> moveAddress(
      OwnerWrite write, ObservedAddress newAddress) {
    writes.increment();
    return real.moveAddress(write, newAddress);
  }

  @Override
  public CompletionStage<OwnerWriteResult> checkpoint(OwnerWrite write) {
    writes.increment();
    return real.checkpoint(write);
  }

  @Override
  public CompletionStage<OwnerWriteResult> markPending(
      ClientId clientId, AddressFamily family, Owner owner, Instant lastPulseAt) {
    writes.increment();
    return real.markPending(clientId, family, owner, lastPulseAt);
  }

  @Override
  public CompletionStage<Optional<TaskRecord>> findTask(TaskId task) {
    reads.increment();
    return real.findTask(task);
  }

  @Override
  public CompletionStage<Void> heartbeat(TaskRecord task) {
    heartbeats.increment();
    return real.heartbeat(task);
  }

  @Override
  public CompletionStage<InternalSecret> internalSecret() {
    return real.internalSecret();
  }
}
