package dev.rendezvous.protocol.identity;

/** A client_id or private key whose text is not the expected number of hex characters. */
public final class MalformedCredentialException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedCredentialException(String message) {
    super(message);
  }
}
