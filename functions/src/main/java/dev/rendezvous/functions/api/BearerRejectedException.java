package dev.rendezvous.functions.api;

/**
 * The request's Authorization header is missing or is not {@code Bearer <64 hex characters>}. An
 * edge exception (HTTP only): it becomes a 401 with a WWW-Authenticate challenge.
 */
public final class BearerRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The RFC 6750 error attribute of the challenge, or null when no credentials were sent. */
  private final String challengeError;

  BearerRejectedException(String message, String challengeError) {
    super(message, null, false, false);
    this.challengeError = challengeError;
  }

  public String challengeError() {
    return challengeError;
  }
}
