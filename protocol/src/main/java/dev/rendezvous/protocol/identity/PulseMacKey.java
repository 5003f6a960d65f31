package dev.rendezvous.protocol.identity;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The key that authenticates v2 pulses and their replies: HMAC-SHA256(private key, label). Both the
 * client (from its private key) and the server (from storage) hold it; the private key itself never
 * travels on the UDP wire in v2. Whoever reads the table can forge v2 pulses for a client, but
 * cannot pass a Bearer check: see docs/security.md.
 */
public final class PulseMacKey {
  public static final int LENGTH_BYTES = 32;
  static final String LABEL = "rendezvous/pulse-mac-key/v2";

  private final byte[] bytes;

  private PulseMacKey(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  static PulseMacKey of(PrivateKey key) {
    return new PulseMacKey(Digests.hmacSha256(key.bytes(), LABEL));
  }

  public static PulseMacKey fromStoredBytes(byte[] bytes) {
    if (bytes.length != LENGTH_BYTES) {
      throw new IllegalArgumentException("a stored pulse MAC key has " + LENGTH_BYTES + " bytes");
    }
    return new PulseMacKey(bytes);
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PulseMacKey other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "PulseMacKey[redacted]";
  }
}
