package dev.rendezvous.core.directory;

import java.util.Arrays;

/**
 * The shared secret that authenticates calls to the edge's internal API: 32 random bytes kept in
 * the directory (readable only by the service's own roles). Never printed.
 */
public final class InternalSecret {
  public static final int LENGTH_BYTES = 32;
  private final byte[] bytes;

  public InternalSecret(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH_BYTES) {
      throw new IllegalArgumentException("the internal secret is " + LENGTH_BYTES + " bytes");
    }
    this.bytes = bytes.clone();
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InternalSecret that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "InternalSecret[redacted]";
  }
}
