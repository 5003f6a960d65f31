package dev.rendezvous.core;

/** Base of the typed domain exceptions; edges map each subclass to an HTTP status or UDP reply. */
public abstract class RendezvousException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected RendezvousException(String message) {
    super(message);
  }

  protected RendezvousException(String message, Throwable cause) {
    super(message, cause);
  }
}
