package dev.rendezvous.core.service;

import dev.rendezvous.core.RendezvousException;

/** The target of a peer lookup does not exist, has expired, or (for its address) never pulsed. */
public final class PeerNotFoundException extends RendezvousException {
  private static final long serialVersionUID = 1L;

  public PeerNotFoundException(String message) {
    super(message);
  }
}
