package dev.rendezvous.protocol.identity;

import java.util.Arrays;

/**
 * The public identity of a client: 16 bytes, written as 32 lowercase hex characters.
 *
 * <p>It is derived from the private key ({@link PrivateKey#clientId()}), so that a pulse carrying
 * only the key can be answered with one keyed lookup of one item.
 */
public final class ClientId {
  public static final int LENGTH_BYTES = 16;
  public static final int LENGTH_HEX = 2 * LENGTH_BYTES;

  private final byte[] bytes;
  private final String hex;

  private ClientId(byte[] bytes) {
    this.bytes = bytes.clone();
    this.hex = Hex.encode(this.bytes);
  }

  public static ClientId fromBytes(byte[] bytes) {
    if (bytes.length != LENGTH_BYTES) {
      throw new MalformedCredentialException(
          "client_id must be " + LENGTH_BYTES + " bytes, got " + bytes.length);
    }
    return new ClientId(bytes);
  }

  /**
   * Parses 32 hex characters (either case); anything else is a {@link
   * MalformedCredentialException}.
   */
  public static ClientId parse(CharSequence text) {
    return Hex.decode(text, LENGTH_BYTES)
        .map(ClientId::new)
        .orElseThrow(
            () ->
                new MalformedCredentialException(
                    "client_id must be " + LENGTH_HEX + " hex characters"));
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The first byte as an unsigned number, for spreading clients over shards. */
  public int firstByteUnsigned() {
    return bytes[0] & 0xff;
  }

  public String hex() {
    return hex;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex;
  }
}
