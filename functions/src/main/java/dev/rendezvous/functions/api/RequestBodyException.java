package dev.rendezvous.functions.api;

/** A request body that is too large (413) or is not a JSON object (400). HTTP only. */
public final class RequestBodyException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean tooLarge;

  RequestBodyException(String message, boolean tooLarge) {
    super(message, null, false, false);
    this.tooLarge = tooLarge;
  }

  public boolean tooLarge() {
    return tooLarge;
  }
}
