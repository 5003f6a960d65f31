package dev.rendezvous.core.directory.memory;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.DirectoryRules;
import dev.rendezvous.core.directory.FamilyEntry;
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
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * The edge's slice of an {@link InMemoryDirectory}: every write is one atomic step on one client
 * that decides with {@link DirectoryRules} and applies the change only when the rules allow it.
 * Stages complete before they are returned (nothing here blocks for long).
 */
public final class InMemoryLiveDirectory implements LiveDirectory {
  private final InMemoryDirectory directory;
  private final DirectoryRules rules;
  private final SecureRandom random;

  InMemoryLiveDirectory(InMemoryDirectory directory, SecureRandom random) {
    this.directory = directory;
    this.rules = directory.rules();
    this.random = random;
  }

  @Override
  public CompletionStage<Optional<DirectoryEntry>> find(ClientId clientId) {
    return done(directory.find(clientId));
  }

  @Override
  public CompletionStage<TakeoverResult> takeOver(Takeover takeover) {
    TakeoverResult[] result = new TakeoverResult[1];
    directory
        .clients()
        .computeIfPresent(
            takeover.clientId(),
            (id, entry) -> {
              result[0] = rules.takeover(Optional.of(entry), takeover);
              if (result[0] instanceof TakeoverResult.Taken taken) {
                AddressFamily family = takeover.family();
                long counter = counterAfter(entry, family, takeover.counter());
                return entry.withFamily(
                    new FamilyEntry(
                        family,
                        Optional.of(taken.owner()),
                        takeover.address(),
                        takeover.lastPulseAt(),
                        takeover.onlineUntil(),
                        counter));
              }
              if (result[0] instanceof TakeoverResult.Pending && takeover.counter() > 0) {
                return entry.withBurnedCounter(takeover.counter());
              }
              return entry;
            });
    return done(result[0] == null ? new TakeoverResult.Unknown() : result[0]);
  }

  @Override
  public CompletionStage<OwnerWriteResult> moveAddress(
      OwnerWrite write, ObservedAddress newAddress) {
    return done(
        ownerWrite(
            write.clientId(),
            write.family(),
            write.owner(),
            write.counter(),
            f ->
                new FamilyEntry(
                    f.family(),
                    f.owner(),
                    newAddress,
                    write.lastPulseAt(),
                    write.onlineUntil(),
                    write.counter() > 0 ? write.counter() : f.counter())));
  }

  @Override
  public CompletionStage<OwnerWriteResult> checkpoint(OwnerWrite write) {
    return done(
        ownerWrite(
            write.clientId(),
            write.family(),
            write.owner(),
            0,
            f ->
                new FamilyEntry(
                    f.family(),
                    f.owner(),
                    f.address(),
                    write.lastPulseAt(),
                    write.onlineUntil(),
                    write.counter() > 0 ? write.counter() : f.counter())));
  }

  @Override
  public CompletionStage<OwnerWriteResult> markPending(
      ClientId clientId, AddressFamily family, Owner owner, Instant lastPulseAt) {
    return done(
        ownerWrite(
            clientId,
            family,
            owner,
            0,
            f ->
                new FamilyEntry(
                    f.family(),
                    f.owner(),
                    f.address(),
                    lastPulseAt,
                    rules.pendingDeadline(lastPulseAt),
                    f.counter())));
  }

  @Override
  public CompletionStage<Optional<TaskRecord>> findTask(TaskId task) {
    return done(directory.findTask(task));
  }

  @Override
  public CompletionStage<Void> heartbeat(TaskRecord task) {
    directory.tasks().put(task.task(), task);
    return done(null);
  }

  @Override
  public CompletionStage<InternalSecret> internalSecret() {
    return done(
        directory
            .secret()
            .updateAndGet(
                existing -> {
                  if (existing != null) {
                    return existing;
                  }
                  byte[] bytes = new byte[InternalSecret.LENGTH_BYTES];
                  random.nextBytes(bytes);
                  return new InternalSecret(bytes);
                }));
  }

  private OwnerWriteResult ownerWrite(
      ClientId clientId,
      AddressFamily family,
      Owner owner,
      long moveCounter,
      UnaryOperator<FamilyEntry> change) {
    OwnerWriteResult[] result = {OwnerWriteResult.GONE};
    directory
        .clients()
        .computeIfPresent(
            clientId,
            (id, entry) -> {
              result[0] = rules.ownerWrite(Optional.of(entry), family, owner, moveCounter);
              if (result[0] != OwnerWriteResult.WRITTEN) {
                return entry;
              }
              return entry.withFamily(change.apply(entry.family(family).orElseThrow()));
            });
    return result[0];
  }

  private static long counterAfter(DirectoryEntry entry, AddressFamily family, long counter) {
    return counter > 0 ? counter : entry.family(family).map(FamilyEntry::counter).orElse(0L);
  }

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
