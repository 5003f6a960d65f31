package dev.rendezvous.edge.limit;

/**
 * A token bucket: holds up to {@code burst} tokens, refilled at {@code ratePerSecond}; each
 * datagram takes one. Not thread-safe: {@link KeyedRateLimiter} guards it.
 */
final class TokenBucket {
  private final double ratePerMilli;
  private final double burst;
  private double tokens;
  private long lastRefillMillis;

  TokenBucket(double ratePerSecond, double burst, long nowMillis) {
    this.ratePerMilli = ratePerSecond / 1000.0;
    this.burst = burst;
    this.tokens = burst;
    this.lastRefillMillis = nowMillis;
  }

  boolean tryTake(long nowMillis) {
    long elapsedMillis = nowMillis - lastRefillMillis;
    if (elapsedMillis > 0) {
      tokens = Math.min(burst, tokens + elapsedMillis * ratePerMilli);
      lastRefillMillis = nowMillis;
    }
    if (tokens >= 1.0) {
      tokens -= 1.0;
      return true;
    }
    return false;
  }
}
