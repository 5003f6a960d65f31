package dev.rendezvous.core;

/** The key or id names no live client: never registered, logged out, or expired. */
public final class UnknownClientException extends RendezvousException {
  private static final long serialVersionUID = 1L;

  public UnknownClientException(String message) {
    super(message);
  }

  @Override
  public <R> R handle(Cases<R> cases) {
    return cases.unknownClient(this);
  }
}
