package dev.rendezvous.internalapi;

/** An internal API call that did not get the answer it needed; the reason says why. */
public final class InternalApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a call failed. */
  public enum Reason {
    /** No secret to sign with yet. */
    NO_SECRET,
    /** The owner refused the signature (401), also after reading the secret again. */
    REJECTED,
    /** No answer within the timeout. */
    TIMED_OUT,
    /** The connection failed (refused, reset, closed). */
    UNREACHABLE,
    /** An answer the route does not give (another status, a malformed body). */
    UNEXPECTED_ANSWER
  }

  private final Reason reason;

  public InternalApiException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public InternalApiException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
