package dev.rendezvous.internalapi;

/** A body of the internal API that is not what its route expects (the server answers 400). */
public final class InternalBodyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InternalBodyException(String message) {
    super(message);
  }

  public InternalBodyException(String message, Throwable cause) {
    super(message, cause);
  }
}
