package dev.rendezvous.client.http;

import java.util.Optional;

/**
 * A call to the HTTP API that did not succeed: either the service answered with an error ({@link
 * #status()} is the HTTP status, {@link #errorCode()} the JSON {@code error}) or it could not be
 * reached ({@link #status()} is 0).
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String errorCode;

  public ApiException(int status, String errorCode, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.errorCode = errorCode;
  }

  /** The HTTP status, or 0 when there was no HTTP response at all. */
  public int status() {
    return status;
  }

  /** The service's short error code ({@code "unauthorized"}, ...), if it sent one. */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /** 401: the key is missing, malformed, or names no live client (logged out, expired). */
  public boolean isUnauthorized() {
    return status == 401;
  }

  /** 404: the peer does not exist, has expired, or (for its address) never pulsed. */
  public boolean isNotFound() {
    return status == 404;
  }

  /** No HTTP response: connection refused, timeout, DNS failure. */
  public boolean isTransportFailure() {
    return status == 0;
  }
}
