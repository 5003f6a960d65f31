package dev.rendezvous.edge.pulse;

import dev.rendezvous.core.StorageUnavailableException;
import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.edge.observe.EdgeMetrics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Every storage call of the edge goes through here: a bounded number of pulses in flight, a timeout
 * on each call, and its latency measured.
 *
 * <p>A pulse takes a {@link Slot} before its first storage call and holds it until its processing
 * has ended <em>and</em> every storage call it started has really completed: a call that timed out
 * keeps its slot until the SDK gives up on it, so the bound counts the work storage really has, and
 * memory stays bounded however slow storage gets. When the bound is reached new pulses are shed (no
 * reply); as soon as storage answers again, slots free up and pulses flow without any reset.
 */
public final class StorageGate {
  private final int maxInFlight;
  private final long timeoutMillis;
  private final EdgeMetrics metrics;
  private final AtomicInteger inFlight;

  public StorageGate(
      int maxInFlight, Duration timeout, EdgeMetrics metrics, AtomicInteger inFlightCount) {
    this.maxInFlight = maxInFlight;
    this.timeoutMillis = timeout.toMillis();
    this.metrics = metrics;
    this.inFlight = inFlightCount;
  }

  /** A slot for one pulse, or null when the bound is reached. */
  public Slot tryEnter() {
    while (true) {
      int now = inFlight.get();
      if (now >= maxInFlight) {
        return null;
      }
      if (inFlight.compareAndSet(now, now + 1)) {
        return new Slot();
      }
    }
  }

  /** Pulses holding a slot now. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Waits until no pulse holds a slot, or the timeout passes; true when idle. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (inFlight.get() > 0) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
    return true;
  }

  /**
   * Starts one storage call for the pulse holding {@code slot}. The returned future fails with a
   * {@link TimeoutException} when the call takes longer than the timeout.
   */
  public <T> CompletableFuture<T> call(Slot slot, Supplier<CompletionStage<T>> operation) {
    long startNanos = System.nanoTime();
    CompletableFuture<T> underlying;
    try {
      underlying = operation.get().toCompletableFuture();
    } catch (RuntimeException e) {
      underlying = CompletableFuture.failedFuture(e);
    }
    slot.retain();
    CompletableFuture<T> accounted =
        underlying.whenComplete(
            (value, error) -> {
              metrics.storageCall(System.nanoTime() - startNanos);
              slot.release();
            });
    return accounted.copy().orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  /** Which drop reason a failed storage call stands for. */
  public static DropReason classify(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof TimeoutException) {
      return DropReason.STORAGE_TIMEOUT;
    }
    if (cause instanceof StorageUnavailableException unavailable) {
      return unavailable.throttled()
          ? DropReason.STORAGE_THROTTLED
          : DropReason.STORAGE_UNAVAILABLE;
    }
    return DropReason.STORAGE_ERROR;
  }

  /** One pulse's hold on the in-flight bound; see the class comment. */
  public final class Slot {
    private final AtomicInteger holders = new AtomicInteger(1);

    private Slot() {}

    void retain() {
      holders.incrementAndGet();
    }

    /** Called once by the pulse when its processing ends; the slot frees when all calls did too. */
    public void release() {
      if (holders.decrementAndGet() == 0) {
        inFlight.decrementAndGet();
      }
    }
  }
}
