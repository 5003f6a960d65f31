package dev.rendezvous.load;

import java.util.Set;

/**
 * What the service must answer, from the driver's bracket of when the client was last alive. Near a
 * boundary (within the guard) either answer is right; elsewhere only one is.
 */
final class Expectations {
  static final int ACCEPTED = 1020;
  static final int PENDING = 1050;
  static final int UNKNOWN = 1060;

  private final long windowMillis;
  private final long lifetimeMillis;
  private final long guardMillis;

  Expectations(long intervalSeconds, long graceSeconds, long errorSeconds, long guardMillis) {
    this.windowMillis = (intervalSeconds + graceSeconds) * 1000;
    this.lifetimeMillis = (intervalSeconds + errorSeconds) * 1000;
    this.guardMillis = guardMillis;
  }

  long windowMillis() {
    return windowMillis;
  }

  long lifetimeMillis() {
    return lifetimeMillis;
  }

  /** Allowed codes for a pulse sent at {@code sentAt} by a live (not logged out) client. */
  Set<Integer> forPulse(SimulatedClient.View c, long sentAt) {
    long shortest = sentAt - c.aliveUpper();
    long longest = sentAt + guardMillis - c.aliveLower();
    if (longest <= windowMillis) {
      return Set.of(ACCEPTED);
    }
    if (shortest > windowMillis && longest <= lifetimeMillis) {
      return Set.of(PENDING);
    }
    if (shortest > lifetimeMillis) {
      return Set.of(UNKNOWN);
    }
    if (longest <= lifetimeMillis) {
      return Set.of(ACCEPTED, PENDING);
    }
    return Set.of(ACCEPTED, PENDING, UNKNOWN);
  }

  /** "ONLINE", "PENDING", or null when the bracket straddles the boundary. */
  String statusOf(SimulatedClient.View c, long askedAt, long answeredAt) {
    long shortest = askedAt - c.aliveUpper();
    long longest = answeredAt + guardMillis - c.aliveLower();
    if (longest <= windowMillis) {
      return "ONLINE";
    }
    if (shortest > windowMillis && longest <= lifetimeMillis) {
      return "PENDING";
    }
    return null;
  }
}
