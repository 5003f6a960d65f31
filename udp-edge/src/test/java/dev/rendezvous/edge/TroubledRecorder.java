package dev.rendezvous.edge;

import dev.rendezvous.core.StorageUnavailableException;
import dev.rendezvous.core.registry.ClientSnapshot;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.registry.PulseOutcome;
import dev.rendezvous.core.registry.PulseRecorder;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A decorator over a real {@link PulseRecorder} that makes storage troubled on demand: calls pass
 * through, or are held until the test releases them (slow storage), or fail as an unavailable or
 * throttling store would. Held calls run the real operation only when released.
 */
public final class TroubledRecorder implements PulseRecorder {
  /** How calls behave. */
  public enum Mode {
    PASS,
    HOLD,
    FAIL_UNAVAILABLE,
    FAIL_THROTTLED
  }

  private final PulseRecorder real;
  private volatile Mode mode = Mode.PASS;
  private final List<Runnable> held = new ArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();

  public TroubledRecorder(PulseRecorder real) {
    this.real = real;
  }

  public void mode(Mode mode) {
    this.mode = mode;
  }

  public int calls() {
    return calls.get();
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
  public CompletionStage<PulseOutcome> pulse(PrivateKey key, ObservedAddress source) {
    return troubled(() -> real.pulse(key, source));
  }

  @Override
  public CompletionStage<PulseOutcome> authenticatedPulse(
      ClientId clientId, long counter, ObservedAddress source) {
    return troubled(() -> real.authenticatedPulse(clientId, counter, source));
  }

  @Override
  public CompletionStage<Optional<ClientSnapshot>> lookUp(ClientId clientId) {
    return troubled(() -> real.lookUp(clientId));
  }

  private <T> CompletionStage<T> troubled(Supplier<CompletionStage<T>> call) {
    calls.incrementAndGet();
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
