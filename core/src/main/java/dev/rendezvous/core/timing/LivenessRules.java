package dev.rendezvous.core.timing;

import java.time.Instant;

/**
 * Decides liveness from the last sign of life (registration, verify or accepted pulse) and the
 * current instant. The thresholds it hands out are what storage conditions compare against, so the
 * store and the reader always agree to the millisecond.
 */
public final class LivenessRules {
  private final PulseTimings timings;

  public LivenessRules(PulseTimings timings) {
    this.timings = timings;
  }

  public PulseTimings timings() {
    return timings;
  }

  public Liveness liveness(Instant lastSeenAt, Instant now) {
    if (!lastSeenAt.isBefore(onlineSince(now))) {
      return Liveness.ONLINE;
    }
    if (!lastSeenAt.isBefore(aliveSince(now))) {
      return Liveness.PENDING;
    }
    return Liveness.EXPIRED;
  }

  /** A client last seen at or after this instant is ONLINE at {@code now}. */
  public Instant onlineSince(Instant now) {
    return now.minus(timings.onlineWindow());
  }

  /** A client last seen before this instant is expired at {@code now}. */
  public Instant aliveSince(Instant now) {
    return now.minus(timings.lifetime());
  }

  /**
   * The first whole second at which a client last seen at {@code lastSeenAt} is certainly expired:
   * the value for the DynamoDB TTL attribute and for the expiry sweep's buckets.
   */
  public long expiresAtEpochSeconds(Instant lastSeenAt) {
    // Expired means strictly later than lastSeenAt + lifetime, so the whole second after it.
    return lastSeenAt.plus(timings.lifetime()).getEpochSecond() + 1;
  }
}
