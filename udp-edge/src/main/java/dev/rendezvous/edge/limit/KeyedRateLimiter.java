package dev.rendezvous.edge.limit;

import java.time.Clock;

/**
 * One token bucket per key (a source address, a client_id) in a {@link BoundedLruMap}, so memory
 * stays bounded however many keys arrive. A key whose bucket was evicted starts with a full bucket:
 * under a flood of distinct keys the limiter fails open for individual keys, never closed for all.
 */
public final class KeyedRateLimiter<K> {
  private final BoundedLruMap<K, TokenBucket> buckets;
  private final double ratePerSecond;
  private final double burst;
  private final Clock clock;

  /**
   * @param ratePerSecond sustained datagrams per second per key
   * @param burst how many may arrive at once
   * @param maxKeys how many keys are tracked at most
   */
  public KeyedRateLimiter(double ratePerSecond, double burst, int maxKeys, Clock clock) {
    if (ratePerSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException(
          "rate must be positive and burst at least 1, got " + ratePerSecond + " and " + burst);
    }
    this.buckets = new BoundedLruMap<>(maxKeys);
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.clock = clock;
  }

  /** Takes a token for {@code key}; false when its bucket is empty. */
  public boolean tryAcquire(K key) {
    long nowMillis = clock.millis();
    return buckets.withEntry(
        key,
        k -> new TokenBucket(ratePerSecond, burst, nowMillis),
        (k, bucket) -> bucket.tryTake(nowMillis));
  }

  /** How many keys are tracked now. */
  public int trackedKeys() {
    return buckets.size();
  }
}
