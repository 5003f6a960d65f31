package dev.rendezvous.protocol.v1;

import dev.rendezvous.protocol.MalformedPulseException;
import dev.rendezvous.protocol.RequestVersion;
import dev.rendezvous.protocol.identity.Hex;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.nio.charset.StandardCharsets;

/**
 * The v1 pulse request: the client's private key itself, in one of two forms.
 *
 * <pre>
 * RAW form (32 bytes)                      HEX form (64 bytes)
 *  0                               31       0                                        63
 * +---------------------------------+      +------------------------------------------+
 * |   private key, 32 raw bytes     |      | private key as 64 ASCII hex chars [0-9a-fA-F]|
 * +---------------------------------+      +------------------------------------------+
 * </pre>
 *
 * Any other length, or a non-hex character in a 64-byte datagram, is malformed. Which datagrams
 * reach this decoder at all is {@link RequestVersion}'s rule: a raw key may start with any byte,
 * including the v2 version byte 0x02.
 */
public final class PulseV1RequestCodec {
  public static final int RAW_LENGTH = PrivateKey.LENGTH_BYTES;
  public static final int HEX_LENGTH = PrivateKey.LENGTH_HEX;

  private PulseV1RequestCodec() {}

  /** True when the length alone says this could be a v1 request. */
  public static boolean hasV1Length(int length) {
    return length == RAW_LENGTH || length == HEX_LENGTH;
  }

  /** The request that carries {@code key} in the given form (clients send {@code RAW}). */
  public static byte[] encode(PrivateKey key, PulseV1Request.Form form) {
    return form == PulseV1Request.Form.RAW
        ? key.toBytes()
        : key.revealHex().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * @param datagram the bytes of one datagram; not modified
   * @throws MalformedPulseException with the offset where decoding failed
   */
  public static PulseV1Request decode(byte[] datagram) {
    if (datagram.length == RAW_LENGTH) {
      return new PulseV1Request(PrivateKey.fromBytes(datagram), PulseV1Request.Form.RAW);
    }
    if (datagram.length == HEX_LENGTH) {
      for (int i = 0; i < HEX_LENGTH; i++) {
        if (!Hex.isAsciiHex(datagram[i])) {
          throw new MalformedPulseException("v1 hex form has a non-hex character", i);
        }
      }
      String text = new String(datagram, StandardCharsets.US_ASCII);
      return new PulseV1Request(PrivateKey.parse(text), PulseV1Request.Form.HEX);
    }
    throw new MalformedPulseException(
        "v1 request must be " + RAW_LENGTH + " or " + HEX_LENGTH + " bytes, not " + datagram.length,
        Math.min(datagram.length, HEX_LENGTH));
  }
}
