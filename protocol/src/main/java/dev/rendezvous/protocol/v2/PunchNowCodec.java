package dev.rendezvous.protocol.v2;

import dev.rendezvous.protocol.MalformedPulseException;
import dev.rendezvous.protocol.call.CallId;
import dev.rendezvous.protocol.identity.PulseMacKey;
import java.util.Arrays;

/**
 * The v2 PUNCH_NOW message (type 0x82), edge to client on the client's live mapping, 60 bytes (no
 * larger than the PULSE that keeps the mapping open): "a peer is calling you, fetch call N". It
 * carries no secret; the MAC under the callee's pulse MAC key lets the callee ignore forgeries.
 *
 * <pre>
 *  0               4                                               44              60
 * +---------------+-----------------------------------------------+---------------+
 * | 02 82 00 00   |   call id (40)                                | MAC 0..43 (16)|
 * +---------------+-----------------------------------------------+---------------+
 * </pre>
 */
public final class PunchNowCodec {
  public static final int LENGTH = 60;
  static final int CALL_OFFSET = 4;
  static final int MAC_OFFSET = CALL_OFFSET + CallId.LENGTH_BYTES;

  private PunchNowCodec() {}

  public static byte[] encode(CallId call, PulseMacKey key) {
    byte[] out = new byte[LENGTH];
    V2Header.write(out, V2Header.TYPE_PUNCH_NOW);
    System.arraycopy(call.toBytes(), 0, out, CALL_OFFSET, CallId.LENGTH_BYTES);
    byte[] mac = MessageAuthenticator.mac(key, out, MAC_OFFSET);
    System.arraycopy(mac, 0, out, MAC_OFFSET, MessageAuthenticator.MAC_LENGTH);
    return out;
  }

  /** True when the datagram says it is a PUNCH_NOW (length and type); not yet authenticated. */
  public static boolean looksLikePunchNow(byte[] datagram) {
    return datagram.length == LENGTH
        && datagram[0] == V2Header.VERSION
        && datagram[1] == V2Header.TYPE_PUNCH_NOW;
  }

  /**
   * Decodes and authenticates a PUNCH_NOW (client side). Freshness and replays are the receiver's
   * business (the call id carries its issue time).
   *
   * @throws MalformedPulseException when the layout is wrong or the MAC does not match
   */
  public static CallId decode(byte[] datagram, PulseMacKey key) {
    if (datagram.length != LENGTH) {
      throw new MalformedPulseException(
          "v2 punch-now must be " + LENGTH + " bytes, not " + datagram.length,
          Math.min(datagram.length, LENGTH));
    }
    V2Header.check(datagram, V2Header.TYPE_PUNCH_NOW);
    if (!MessageAuthenticator.verify(key, datagram)) {
      throw new MalformedPulseException("v2 punch-now MAC does not match", MAC_OFFSET);
    }
    return CallId.fromBytes(Arrays.copyOfRange(datagram, CALL_OFFSET, MAC_OFFSET));
  }
}
