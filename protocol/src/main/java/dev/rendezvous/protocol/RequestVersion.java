package dev.rendezvous.protocol;

import dev.rendezvous.protocol.identity.PrivateKey;

/**
 * Which format a datagram sent to the edge is in, decided by its version byte before its length
 * (docs/protocol.md, "Telling the formats apart"):
 *
 * <ol>
 *   <li>A datagram whose first byte is {@code 0x02} is v2, whatever its length, except one of
 *       exactly 32 bytes: that is a raw v1 key (one random key in 256 starts with {@code 0x02}),
 *       and no v2 request may ever be 32 bytes long.
 *   <li>Otherwise 32 bytes (the raw key) or 64 bytes (its hex text) is v1. A v1 hex request holds
 *       only ASCII hex digits, so it never starts with {@code 0x02}: every 64-byte datagram that
 *       does is v2.
 *   <li>Anything else is neither.
 * </ol>
 *
 * The version says only which decoder gets the datagram; that decoder still checks the whole
 * layout.
 */
public enum RequestVersion {
  /** The seed format: the private key, raw or as hex. */
  V1,
  /** The authenticated format: a header whose first byte is the version, {@code 0x02}. */
  V2,
  /** Neither: no decoder will take it. */
  NONE;

  /** The first byte of every v2 message. */
  public static final byte V2_VERSION_BYTE = 0x02;

  /** The only length a v2 request may never have: a raw v1 key's. */
  public static final int V1_RAW_LENGTH = PrivateKey.LENGTH_BYTES;

  /** The length of the v1 hex form. */
  public static final int V1_HEX_LENGTH = PrivateKey.LENGTH_HEX;

  /** The format of {@code datagram}; never throws. */
  public static RequestVersion of(byte[] datagram) {
    int length = datagram.length;
    if (length > 0 && datagram[0] == V2_VERSION_BYTE && length != V1_RAW_LENGTH) {
      return V2;
    }
    if (length == V1_RAW_LENGTH || length == V1_HEX_LENGTH) {
      return V1;
    }
    return NONE;
  }
}
