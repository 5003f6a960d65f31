package dev.rendezvous.client.session;

/** The service no longer knows this client: logged out or expired. Register again. */
public final class ClientGoneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ClientGoneException(String message) {
    super(message);
  }
}
