package dev.rendezvous.core;

/** The target of a peer lookup does not exist, has expired, or (for its address) never pulsed. */
public final class PeerNotFoundException extends RendezvousException {
  private static final long serialVersionUID = 1L;

  public PeerNotFoundException(String message) {
    super(message);
  }

  @Override
  public <R> R handle(Cases<R> cases) {
    return cases.peerNotFound(this);
  }
}
