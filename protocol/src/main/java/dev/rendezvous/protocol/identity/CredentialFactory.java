package dev.rendezvous.protocol.identity;

import java.security.SecureRandom;

/**
 * Issues new credentials from a cryptographically secure random source.
 *
 * <p>Build one per process at run time (not in a Lambda SnapStart snapshot): the source is created
 * lazily on first use so that restored snapshots do not share random state.
 */
public final class CredentialFactory {
  private volatile SecureRandom random;

  public ClientCredentials issue() {
    byte[] key = new byte[PrivateKey.LENGTH_BYTES];
    random().nextBytes(key);
    return ClientCredentials.of(PrivateKey.fromBytes(key));
  }

  private SecureRandom random() {
    SecureRandom r = random;
    if (r == null) {
      synchronized (this) {
        r = random;
        if (r == null) {
          r = new SecureRandom();
          random = r;
        }
      }
    }
    return r;
  }
}
