package dev.rendezvous.client.http;

/** A reply whose JSON parsed but does not have the shape the SDK expects. */
final class UnexpectedReplyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnexpectedReplyException(String message) {
    super(message);
  }
}
