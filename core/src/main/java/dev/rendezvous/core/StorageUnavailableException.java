package dev.rendezvous.core;

/**
 * Storage could not answer (throttled, unreachable, timed out). Nothing was decided: callers must
 * not treat it as "unknown client". HTTP maps it to 503 with Retry-After; the edge stays silent.
 */
public final class StorageUnavailableException extends RendezvousException {
  private static final long serialVersionUID = 1L;
  private final boolean throttled;

  public StorageUnavailableException(String message, boolean throttled, Throwable cause) {
    super(message, cause);
    this.throttled = throttled;
  }

  /**
   * True when storage refused for capacity (throttling), false when it failed or was unreachable.
   */
  public boolean throttled() {
    return throttled;
  }

  /** A suggested wait before retrying, in seconds. */
  public int retryAfterSeconds() {
    return throttled ? 2 : 5;
  }

  @Override
  public <R> R handle(Cases<R> cases) {
    return cases.storageUnavailable(this);
  }
}
