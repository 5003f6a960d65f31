package dev.rendezvous.core.identity;

/** A newly issued identity: the public id and the private key it was derived from. */
public record ClientCredentials(ClientId clientId, PrivateKey privateKey) {
  public static ClientCredentials of(PrivateKey key) {
    return new ClientCredentials(key.clientId(), key);
  }

  @Override
  public String toString() {
    return "ClientCredentials[clientId=" + clientId + ", privateKey=redacted]";
  }
}
