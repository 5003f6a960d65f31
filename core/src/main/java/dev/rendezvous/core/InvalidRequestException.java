package dev.rendezvous.core;

/**
 * A request whose input is not of the required form: missing or malformed credentials, a malformed
 * client_id, a body that is not a JSON object or is too large. Nothing was looked up; the adapter
 * that read the input says which {@link Reason}.
 */
public final class InvalidRequestException extends RendezvousException {
  private static final long serialVersionUID = 1L;

  /** What is wrong with the input. */
  public enum Reason {
    /** No credentials were sent. */
    CREDENTIALS_MISSING,
    /** Credentials of another scheme than the one required. */
    CREDENTIALS_MALFORMED,
    /** Credentials of the right scheme whose token is not of the form of a private key. */
    TOKEN_MALFORMED,
    /** A client_id that is not 32 hex characters. */
    CLIENT_ID_MALFORMED,
    /** A body that is not empty and not a JSON object, or could not be read. */
    BODY_MALFORMED,
    /** A body above the size limit. */
    BODY_TOO_LARGE
  }

  private final Reason reason;

  public InvalidRequestException(Reason reason, String message) {
    super(message, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  @Override
  public <R> R handle(Cases<R> cases) {
    return cases.invalidRequest(this);
  }
}
