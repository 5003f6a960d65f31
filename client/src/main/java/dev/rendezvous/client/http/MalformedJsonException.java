package dev.rendezvous.client.http;

/** A response body that is not the JSON the SDK expects; says where parsing failed. */
public final class MalformedJsonException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedJsonException(String message) {
    super(message);
  }
}
