package dev.rendezvous.core;

/**
 * Registration found the derived client_id already taken (astronomically rare; retry with a new
 * key).
 */
public final class ClientIdCollisionException extends RendezvousException {
  private static final long serialVersionUID = 1L;

  public ClientIdCollisionException(String message) {
    super(message);
  }

  @Override
  public <R> R handle(Cases<R> cases) {
    return cases.clientIdCollision(this);
  }
}
