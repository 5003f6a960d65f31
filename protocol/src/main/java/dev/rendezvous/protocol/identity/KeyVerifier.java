package dev.rendezvous.protocol.identity;

import java.security.MessageDigest;

/**
 * What the server stores to check a Bearer key or a v1 pulse: SHA-256 over a label and the key.
 * Comparison is constant-time.
 */
public final class KeyVerifier {
  public static final int LENGTH_BYTES = 32;
  static final String LABEL = "rendezvous/key-verifier/v1";

  private final byte[] bytes;

  private KeyVerifier(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  static KeyVerifier of(PrivateKey key) {
    return new KeyVerifier(Digests.sha256(LABEL, key.bytes()));
  }

  /** Rebuilds a verifier read back from storage. */
  public static KeyVerifier fromStoredBytes(byte[] bytes) {
    if (bytes.length != LENGTH_BYTES) {
      throw new IllegalArgumentException("a stored key verifier has " + LENGTH_BYTES + " bytes");
    }
    return new KeyVerifier(bytes);
  }

  /** Constant-time check that {@code key} is the key this verifier was made from. */
  public boolean matches(PrivateKey key) {
    return MessageDigest.isEqual(bytes, Digests.sha256(LABEL, key.bytes()));
  }

  /** Constant-time comparison of two verifiers. */
  public boolean sameAs(KeyVerifier other) {
    return MessageDigest.isEqual(bytes, other.bytes);
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyVerifier other && sameAs(other);
  }

  @Override
  public int hashCode() {
    return bytes[0] << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
  }

  @Override
  public String toString() {
    return "KeyVerifier[redacted]";
  }
}
