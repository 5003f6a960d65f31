package dev.rendezvous.core;

/**
 * The domain's failures, all of them: the hierarchy is sealed, and {@link #handle} makes every
 * adapter that maps them (to HTTP statuses, UDP silence, log lines) name a result for each kind, so
 * a new kind cannot be forgotten by any of them.
 */
public abstract sealed class RendezvousException extends RuntimeException
    permits CallNotPossibleException,
        ClientIdCollisionException,
        InvalidRequestException,
        InvalidSettingException,
        PeerNotFoundException,
        StorageUnavailableException,
        UnknownClientException {
  private static final long serialVersionUID = 1L;

  protected RendezvousException(String message) {
    super(message);
  }

  protected RendezvousException(String message, Throwable cause) {
    super(message, cause);
  }

  /** For failures of the caller's input: cheap, no stack trace. */
  protected RendezvousException(String message, boolean withStackTrace) {
    super(message, null, false, withStackTrace);
  }

  /** Calls the one method of {@code cases} that handles this kind of failure. */
  public abstract <R> R handle(Cases<R> cases);

  /**
   * One result per kind of failure: implementations are exhaustive by construction.
   *
   * @param <R> what the failure becomes (e.g. an HTTP response)
   */
  public interface Cases<R> {
    /** A key or id that names no live client (never registered, logged out, expired). */
    R unknownClient(UnknownClientException e);

    /** Input that is not of the required form (credentials, an id, a body). */
    R invalidRequest(InvalidRequestException e);

    /** A looked-up peer that does not exist, has expired, or never pulsed. */
    R peerNotFound(PeerNotFoundException e);

    /** A call to a peer that cannot be made now (offline, unreachable, refused, rate-limited). */
    R callNotPossible(CallNotPossibleException e);

    /** Storage could not answer; nothing was decided. */
    R storageUnavailable(StorageUnavailableException e);

    /** A new identity's client_id was taken (retried by the service; a bug if it escapes). */
    R clientIdCollision(ClientIdCollisionException e);

    /** A configuration value that is invalid (at start-up; a bug if it escapes a request). */
    R invalidSetting(InvalidSettingException e);
  }
}
