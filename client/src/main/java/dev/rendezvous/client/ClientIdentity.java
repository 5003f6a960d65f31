package dev.rendezvous.client;

import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;

/**
 * Who this client is: the public id and the private key from {@code POST /register}. The key is
 * redacted from {@link #toString()}; save it with {@link IdentityFile}.
 */
public record ClientIdentity(ClientId clientId, PrivateKey privateKey) {
  public ClientIdentity {
    if (!privateKey.clientId().equals(clientId)) {
      throw new IllegalArgumentException(
          "client_id " + clientId + " does not belong to this private key");
    }
  }

  public static ClientIdentity of(PrivateKey key) {
    return new ClientIdentity(key.clientId(), key);
  }

  @Override
  public String toString() {
    return "ClientIdentity[clientId=" + clientId + ", privateKey=redacted]";
  }
}
