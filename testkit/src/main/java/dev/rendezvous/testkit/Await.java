package dev.rendezvous.testkit;

import java.time.Duration;

/**
 * The one way tests wait for something another thread or process does: poll a condition until it
 * holds, failing with a clear message when it has not within the timeout. Polls after 1 ms, then
 * twice as long each time, at most every 100 ms.
 */
public final class Await {
  private static final long FIRST_POLL_MILLIS = 1;
  private static final long MAX_POLL_MILLIS = 100;

  private Await() {}

  /** A condition that may throw: an exception or a failed assertion counts as "not yet". */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  /**
   * Returns as soon as {@code condition} holds.
   *
   * @param what what is awaited, for the failure message ("the edge to be idle")
   * @throws AssertionError when it has not held within {@code timeout}; the last exception or
   *     failed assertion of the condition is its cause
   */
  public static void awaitUntil(Duration timeout, Condition condition, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pollMillis = FIRST_POLL_MILLIS;
    Throwable lastFailure = null;
    while (true) {
      try {
        if (condition.holds()) {
          return;
        }
        lastFailure = null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      } catch (Exception | AssertionError e) {
        lastFailure = e;
      }
      long leftNanos = deadline - System.nanoTime();
      if (leftNanos <= 0) {
        throw new AssertionError(
            "waited " + timeout.toMillis() + " ms for " + what + ", in vain", lastFailure);
      }
      sleep(Math.min(pollMillis, Math.max(1, leftNanos / 1_000_000)), what);
      pollMillis = Math.min(MAX_POLL_MILLIS, pollMillis * 2);
    }
  }

  private static void sleep(long millis, String what) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + what, e);
    }
  }
}
