package dev.rendezvous.edge;

import dev.rendezvous.core.StorageUnavailableException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A decorator over a real {@link LiveDirectory} that counts calls by operation and makes storage
 * troubled on demand: calls pass through, or are held until the test releases them (slow storage),
 * or fail as an unavailable or throttling store would. Held calls run the real operation only when
 * released.
 */
public final class TroubledDirectory implements LiveDirectory {
  /** How calls behave. */
  public enum Mode {
    PASS,
    HOLD,
    FAIL_UNAVAILABLE,
    FAIL_THROTTLED
  }

  private final LiveDirectory real;
  private volatile Mode mode = Mode.PASS;
  private final List<Runnable> held = new ArrayList<>();
  private final Map<String, Integer> calls = new ConcurrentHashMap<>();

  public TroubledDirectory(LiveDirectory real) {
    this.real = real;
  }

  public void mode(Mode mode) {
    this.mode = mode;
  }

  /** Calls of one operation ("find", "takeOver", "moveAddress", "checkpoint", ...). */
  public int calls(String operation) {
    return calls.getOrDefault(operation, 0);
  }

  /** Calls of every operation but heartbeats and the internal secret. */
  public int storageCalls() {
    return calls.entrySet().stream()
        .filter(e -> !e.getKey().equals("heartbeat") && !e.getKey().equals("internalSecret"))
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  /** Runs every held call against the real store now. */
  public void releaseAll() {
    List<Runnable> now;
    synchronized (held) {
      now = new ArrayList<>(held);
      held.clear();
    }
    now.forEach(Runnable::run);
  }

  public int heldCount() {
    synchronized (held) {
      return held.size();
    }
  }

  @Override
  public CompletionStage<Optional<DirectoryEntry>> find(ClientId clientId) {
    return troubled("find", () -> real.find(clientId));
  }

  @Override
  public CompletionStage<TakeoverResult> takeOver(Takeover takeover) {
    return troubled("takeOver", () -> real.takeOver(takeover));
  }

  @Override
  public CompletionStage<OwnerWriteResult> moveAddress(
      OwnerWrite write, ObservedAddress newAddress) {
    return troubled("moveAddress", () -> real.moveAddress(write, newAddress));
  }

  @Override
  public CompletionStage<OwnerWriteResult> checkpoint(OwnerWrite write) {
    return troubled("checkpoint", () -> real.checkpoint(write));
  }

  @Override
  public CompletionStage<OwnerWriteResult> markPending(
      ClientId clientId, AddressFamily family, Owner owner, Instant lastPulseAt) {
    return troubled("markPending", () -> real.markPending(clientId, family, owner, lastPulseAt));
  }

  @Override
  public CompletionStage<Optional<TaskRecord>> findTask(TaskId task) {
    return troubled("findTask", () -> real.findTask(task));
  }

  @Override
  public CompletionStage<Void> heartbeat(TaskRecord task) {
    calls.merge("heartbeat", 1, Integer::sum);
    return real.heartbeat(task);
  }

  @Override
  public CompletionStage<InternalSecret> internalSecret() {
    calls.merge("internalSecret", 1, Integer::sum);
    return real.internalSecret();
  }

  private <T> CompletionStage<T> troubled(String operation, Supplier<CompletionStage<T>> call) {
    calls.merge(operation, 1, Integer::sum);
    return switch (mode) {
      case PASS -> call.get();
      case FAIL_UNAVAILABLE ->
          CompletableFuture.failedFuture(
              new StorageUnavailableException("injected: unreachable", false, null));
      case FAIL_THROTTLED ->
          CompletableFuture.failedFuture(
              new StorageUnavailableException("injected: throttled", true, null));
      case HOLD -> {
        CompletableFuture<T> later = new CompletableFuture<>();
        synchronized (held) {
          held.add(
              () ->
                  call.get()
                      .whenComplete(
                          (v, e) -> {
                            if (e != null) {
                              later.completeExceptionally(e);
                            } else {
                              later.complete(v);
                            }
                          }));
        }
        yield later;
      }
    };
  }
}
