package dev.rendezvous.core.registry;

import dev.rendezvous.core.RendezvousException;

/**
 * Registration found the derived client_id already taken (astronomically rare; retry with a new
 * key).
 */
public final class ClientIdCollisionException extends RendezvousException {
  private static final long serialVersionUID = 1L;

  public ClientIdCollisionException(String message) {
    super(message);
  }
}
