package dev.rendezvous.core.timing;

import java.time.Duration;

/**
 * The pulse interval, the grace that absorbs jitter, and the error time after which a silent client
 * expires. Whole seconds, validated on construction.
 */
public record PulseTimings(long intervalSeconds, long graceSeconds, long errorTimeSeconds) {
  public static final PulseTimings DEFAULTS = new PulseTimings(30, 5, 180);

  public PulseTimings {
    if (intervalSeconds < 1) {
      throw new IllegalArgumentException(
          "pulse interval must be at least 1 s, got " + intervalSeconds);
    }
    if (graceSeconds < 0) {
      throw new IllegalArgumentException("grace must not be negative, got " + graceSeconds);
    }
    if (errorTimeSeconds <= graceSeconds) {
      throw new IllegalArgumentException(
          "error time ("
              + errorTimeSeconds
              + " s) must be longer than the grace ("
              + graceSeconds
              + " s), or a client would expire before it could turn PENDING");
    }
  }

  /** The grace when none is set: the default 5 s, but never more than the interval. */
  public static long defaultGraceSeconds(long intervalSeconds) {
    return Math.min(DEFAULTS.graceSeconds(), intervalSeconds);
  }

  /** Longest silence that still counts as ONLINE. */
  public Duration onlineWindow() {
    return Duration.ofSeconds(intervalSeconds + graceSeconds);
  }

  /** Longest silence before a client expires. */
  public Duration lifetime() {
    return Duration.ofSeconds(intervalSeconds + errorTimeSeconds);
  }
}
