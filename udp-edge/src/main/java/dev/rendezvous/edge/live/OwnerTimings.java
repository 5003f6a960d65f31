package dev.rendezvous.edge.live;

import dev.rendezvous.core.timing.PulseTimings;
import java.time.Duration;

/**
 * The owner's times, in milliseconds, from the shared pulse timings and the edge's settings.
 *
 * @param windowMillis interval + grace: ONLINE while the last pulse is at most this old
 * @param lifetimeMillis interval + error time: expired when older
 * @param checkpointPeriodMillis how often an owned client's lease is renewed
 * @param leaseMillis how far ahead a takeover or checkpoint vouches (period + 4 intervals)
 * @param maxSkewMillis how far a v2 counter may be from the edge's clock
 * @param deferMarginMillis a deferred takeover is written at least this long before the previous
 *     owner's lease runs out
 * @param retryMillis how soon a directory write that storage could not take is tried again
 */
public record OwnerTimings(
    long windowMillis,
    long lifetimeMillis,
    long checkpointPeriodMillis,
    long leaseMillis,
    long maxSkewMillis,
    long deferMarginMillis,
    long retryMillis) {

  /** How long an unanswered challenge keeps its slot: the nonce's own validity. */
  public static final long CHALLENGE_MILLIS = 2 * ChallengeNonces.SLOT_MILLIS;

  /** The defaults of docs/architecture.md: lease = checkpoint period + 4 intervals. */
  public static OwnerTimings of(
      PulseTimings timings, int checkpointIntervals, Duration maxSkew, Duration storageTimeout) {
    long interval = timings.intervalSeconds() * 1000;
    long period = checkpointIntervals * interval;
    long retry = Math.max(1_000, Math.min(interval / 2, 5_000));
    return new OwnerTimings(
        timings.onlineWindow().toMillis(),
        timings.lifetime().toMillis(),
        period,
        period + 4 * interval,
        maxSkew.toMillis(),
        Math.max(2 * storageTimeout.toMillis(), retry) + 1_000,
        retry);
  }
}
