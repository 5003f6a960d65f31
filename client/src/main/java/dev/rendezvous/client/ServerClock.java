package dev.rendezvous.client;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local clock corrected by the {@code timestamp} of the service's HTTP replies, so that v2
 * pulse counters (Unix milliseconds) stay within the edge's allowed skew even when the device clock
 * is wrong. Also hands out strictly increasing pulse counters.
 */
public final class ServerClock {
  private final Clock local;
  private final AtomicLong offsetMillis = new AtomicLong();
  private final AtomicLong lastCounter = new AtomicLong();
  private final AtomicLong lastAccepted = new AtomicLong();
  private volatile boolean corrected;

  public ServerClock(Clock local) {
    this.local = local;
  }

  /**
   * Records a server timestamp seen on a reply to a request sent at {@code sentAtMillis} and
   * received at {@code receivedAtMillis} (local clock); the server's time is assumed to be taken
   * half way.
   */
  public void observe(Instant serverTime, long sentAtMillis, long receivedAtMillis) {
    long midpoint = sentAtMillis + (receivedAtMillis - sentAtMillis) / 2;
    offsetMillis.set(serverTime.toEpochMilli() - midpoint);
    corrected = true;
    // Counters sent while the clock ran ahead, and never accepted, must not hold later counters
    // above the corrected time forever (the edge would drop them all as too far in the future).
    long now = nowMillis();
    lastCounter.updateAndGet(last -> last > now ? Math.max(lastAccepted.get(), now - 1) : last);
  }

  /** Records that the edge accepted a pulse with this counter: later counters stay above it. */
  public void accepted(long counter) {
    lastAccepted.accumulateAndGet(counter, Math::max);
  }

  public long localMillis() {
    return local.millis();
  }

  /** The corrected Unix time in milliseconds. */
  public long nowMillis() {
    return local.millis() + offsetMillis.get();
  }

  /** The correction applied to the local clock, in milliseconds (server minus local). */
  public long offsetMillis() {
    return offsetMillis.get();
  }

  /** Whether any server timestamp has been seen yet. */
  public boolean isCorrected() {
    return corrected;
  }

  /** The next v2 pulse counter: corrected Unix ms, or last + 1 if the clock has not moved on. */
  public long nextCounter() {
    long now = nowMillis();
    return lastCounter.updateAndGet(last -> Math.max(last + 1, now));
  }
}
