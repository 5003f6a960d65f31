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
  private final long checkpointMillis;

  Expectations(
      long intervalSeconds,
      long graceSeconds,
      long errorSeconds,
      long guardMillis,
      long checkpointSeconds) {
    this.windowMillis = (intervalSeconds + graceSeconds) * 1000;
    this.lifetimeMillis = (intervalSeconds + errorSeconds) * 1000;
    this.guardMillis = guardMillis;
    this.checkpointMillis = checkpointSeconds * 1000;
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

  /**
   * How long a silent-once client stays silent after its last sign of life: {@code extraMillis}
   * past the ONLINE window, but never past the middle of the PENDING span, so that one unanswered
   * pulse after the silence still leaves it time to verify before it expires.
   */
  long silenceMillis(long extraMillis) {
    return Math.min(windowMillis + extraMillis, (windowMillis + lifetimeMillis) / 2);
  }

  /**
   * Checks a status answer's {@code last_online} (seconds since the last recorded pulse, or "null")
   * against the pulses the driver knew were accepted <em>when it asked</em>. A pulse answered 1020
   * while the question was on its way may or may not have been recorded when the service read the
   * peer, so only the view taken before asking bounds the answer.
   *
   * @return null if the answer fits, else what is wrong with it
   */
  String lastOnlineMismatch(String lastOnline, SimulatedClient.View atAsking, long answeredAt) {
    if (atAsking.pulseLower() < 0) {
      return null; // no pulse confirmed yet: one may or may not have been recorded
    }
    if (lastOnline.equals("null")) {
      return "null although the peer pulsed";
    }
    double seconds = Double.parseDouble(lastOnline);
    double most = (answeredAt - atAsking.pulseLower()) / 1000.0 + 1;
    if (seconds < 0 || seconds > most) {
      return seconds + " s, but the peer pulsed within " + most + " s before the answer";
    }
    return null;
  }

  /**
   * True when a {@code last_online} that {@link #lastOnlineMismatch} refused is still within what
   * the directory alone may say: when the reader could not get the owner's exact answer (the owner
   * is down, or did not answer within the owner timeout), it reads the directory, whose last pulse
   * is at most one checkpoint period older than the exact one (docs/architecture.md, "What a reader
   * sees").
   */
  boolean withinDirectoryBound(String lastOnline, SimulatedClient.View atAsking, long answeredAt) {
    double seconds = Double.parseDouble(lastOnline);
    double most = (answeredAt - atAsking.pulseLower() + checkpointMillis) / 1000.0 + 1;
    return seconds >= 0 && seconds <= most;
  }

  /**
   * True when the client may have expired by {@code at}: its last confirmed sign of life is older
   * than the lifetime (near the boundary). This happens only when its pulses went unanswered
   * (storage slower than the edge's timeout) and were in fact not recorded.
   */
  boolean mayHaveExpired(SimulatedClient.View c, long at) {
    return at + guardMillis - c.aliveLower() > lifetimeMillis;
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
