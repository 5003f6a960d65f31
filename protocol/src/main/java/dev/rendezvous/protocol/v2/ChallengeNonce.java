package dev.rendezvous.protocol.v2;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The 16-byte nonce of a CHALLENGE, which the client echoes in its next PULSE's reserved bytes to
 * prove it receives datagrams at the address it pulses from. Opaque to the client; the edge derives
 * it statelessly (docs/protocol.md, "Fresh proof"). All zero bytes mean "no nonce".
 */
public final class ChallengeNonce {
  public static final int LENGTH_BYTES = 16;
  private static final ChallengeNonce NONE = new ChallengeNonce(new byte[LENGTH_BYTES]);

  private final byte[] bytes;

  private ChallengeNonce(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A nonce from its 16 bytes (copied). */
  public static ChallengeNonce of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH_BYTES) {
      throw new IllegalArgumentException("a challenge nonce has " + LENGTH_BYTES + " bytes");
    }
    return new ChallengeNonce(bytes.clone());
  }

  /** The absent nonce (all zero): a PULSE that answers no challenge. */
  public static ChallengeNonce none() {
    return NONE;
  }

  /** True unless every byte is zero. */
  public boolean isPresent() {
    for (byte b : bytes) {
      if (b != 0) {
        return true;
      }
    }
    return false;
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Constant-time comparison with the expected bytes. */
  public boolean matches(byte[] expected) {
    return MessageDigest.isEqual(bytes, expected);
  }

  void copyInto(byte[] out, int offset) {
    System.arraycopy(bytes, 0, out, offset, LENGTH_BYTES);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChallengeNonce other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return isPresent() ? "ChallengeNonce[present]" : "ChallengeNonce[none]";
  }
}
