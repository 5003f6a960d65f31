package dev.rendezvous.core.call;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The 32-byte key two parties of a call share (derived, never stored). A value with a copy of its
 * bytes that never prints them.
 */
public final class PairKey {
  /** The key's length. */
  public static final int LENGTH_BYTES = 32;

  private final byte[] bytes;

  private PairKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A key of exactly {@link #LENGTH_BYTES} bytes (copied). */
  public static PairKey of(byte[] bytes) {
    if (bytes.length != LENGTH_BYTES) {
      throw new IllegalArgumentException(
          "a pair key is " + LENGTH_BYTES + " bytes, got " + bytes.length);
    }
    return new PairKey(bytes.clone());
  }

  /** A copy of the key's bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PairKey other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "PairKey[redacted]";
  }
}
