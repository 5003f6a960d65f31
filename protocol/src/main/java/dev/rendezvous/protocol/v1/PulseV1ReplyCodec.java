package dev.rendezvous.protocol.v1;

import dev.rendezvous.protocol.MalformedPulseException;
import dev.rendezvous.protocol.ResponseCode;

/**
 * The v1 reply: the response code as a 4-byte big-endian signed integer (the seed README's "1 byte"
 * cannot hold 1020; the first implementation sent 4 bytes).
 *
 * <pre>
 *  0       1       2       3
 * +-------+-------+-------+-------+
 * |  response code, int32, big-endian (1020 / 1050 / 1060)  |
 * +-------+-------+-------+-------+
 * </pre>
 */
public final class PulseV1ReplyCodec {
  public static final int LENGTH = 4;

  private PulseV1ReplyCodec() {}

  public static byte[] encode(ResponseCode code) {
    int c = code.code();
    return new byte[] {(byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c};
  }

  /** For clients and tests: reads a reply back. */
  public static ResponseCode decode(byte[] reply) {
    if (reply.length != LENGTH) {
      throw new MalformedPulseException("v1 reply must be 4 bytes, not " + reply.length, 0);
    }
    int c =
        (reply[0] & 0xff) << 24
            | (reply[1] & 0xff) << 16
            | (reply[2] & 0xff) << 8
            | (reply[3] & 0xff);
    return ResponseCode.fromCode(c)
        .orElseThrow(() -> new MalformedPulseException("unknown response code " + c, 0));
  }
}
