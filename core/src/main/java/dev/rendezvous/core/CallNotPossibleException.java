package dev.rendezvous.core;

/**
 * A call ({@code POST /peer/{id}/connect}) the service cannot make now. The reason says why and
 * which answer it gets: the callee is not ONLINE or has no live owner that can push to it (409),
 * did not acknowledge the push (409), refuses the caller (403), or the caller called it too often
 * (429, with {@link #retryAfterSeconds()}).
 */
public final class CallNotPossibleException extends RendezvousException {
  private static final long serialVersionUID = 1L;

  /** Why the call was not made. */
  public enum Reason {
    /** The callee is PENDING, or is the caller itself. */
    CALLEE_OFFLINE,
    /** The caller has no recorded address yet (it must pulse before it calls). */
    CALLER_NOT_PULSING,
    /** No live edge task owns the callee, so nothing can reach its NAT mapping. */
    NO_LIVE_OWNER,
    /** The pushes went out but the callee never acknowledged them. */
    NOT_ACKNOWLEDGED,
    /** The callee's call policy refuses this caller. */
    REFUSED,
    /** The caller asked for more pushes to this callee than the rate limit allows. */
    RATE_LIMITED
  }

  private final Reason reason;
  private final int retryAfterSeconds;

  public CallNotPossibleException(Reason reason, String message) {
    this(reason, message, 0);
  }

  public CallNotPossibleException(Reason reason, String message, int retryAfterSeconds) {
    super(message, false);
    this.reason = reason;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public Reason reason() {
    return reason;
  }

  /** For {@link Reason#RATE_LIMITED}: whole seconds until a call may succeed; 0 otherwise. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  @Override
  public <R> R handle(Cases<R> cases) {
    return cases.callNotPossible(this);
  }
}
