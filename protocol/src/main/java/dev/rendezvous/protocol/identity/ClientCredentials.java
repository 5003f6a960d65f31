package dev.rendezvous.protocol.identity;

/**
 * A client's identity: the public id and the private key it is derived from. The service issues one
 * at registration; the SDK keeps it (see the client's {@code IdentityFile}) and authenticates with
 * it.
 */
public final class ClientCredentials {
  private final ClientId clientId;
  private final PrivateKey privateKey;

  /**
   * @throws IllegalArgumentException when {@code clientId} is not the one derived from the key
   */
  public ClientCredentials(ClientId clientId, PrivateKey privateKey) {
    if (!privateKey.clientId().equals(clientId)) {
      throw new IllegalArgumentException(
          "client_id " + clientId + " does not belong to this private key");
    }
    this.clientId = clientId;
    this.privateKey = privateKey;
  }

  public static ClientCredentials of(PrivateKey key) {
    return new ClientCredentials(key.clientId(), key);
  }

  public ClientId clientId() {
    return clientId;
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientCredentials other
        && clientId.equals(other.clientId)
        && privateKey.equals(other.privateKey);
  }

  @Override
  public int hashCode() {
    return clientId.hashCode();
  }

  /** Redacted: a private key must never reach a log line. */
  @Override
  public String toString() {
    return "ClientCredentials[clientId=" + clientId + ", privateKey=redacted]";
  }
}
