package dev.rendezvous.protocol.v2;

import dev.rendezvous.protocol.MalformedPulseException;
import dev.rendezvous.protocol.call.CallId;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PulseMacKey;
import java.util.Arrays;

/**
 * The v2 PUNCH_NOW_ACK message (type 0x04), client to edge, 76 bytes: "I, client_id, received the
 * PUNCH_NOW of call N". The edge answers nothing (so it amplifies nothing) and stops retrying the
 * push. Authenticated with the client's pulse MAC key, so no one else can acknowledge for it.
 *
 * <pre>
 *  0               4                               20                                      60
 * +---------------+-------------------------------+---------------------------------------+
 * | 02 04 00 00   |       client_id (16)          |   call id (40)                        |
 * +---------------+-------------------------------+---------------------------------------+
 *  60                              76
 * +-------------------------------+
 * |  MAC over bytes 0..59 (16)    |
 * +-------------------------------+
 * </pre>
 */
public final class PunchNowAckCodec {
  public static final int LENGTH = 76;
  static final int CLIENT_OFFSET = 4;
  static final int CALL_OFFSET = CLIENT_OFFSET + ClientId.LENGTH_BYTES;
  static final int MAC_OFFSET = CALL_OFFSET + CallId.LENGTH_BYTES;

  /** A decoded acknowledgement; its MAC is checked by whoever holds the client's MAC key. */
  public static final class PunchNowAck {
    private final ClientId clientId;
    private final CallId call;
    private final byte[] datagram;

    PunchNowAck(ClientId clientId, CallId call, byte[] datagram) {
      this.clientId = clientId;
      this.call = call;
      this.datagram = datagram;
    }

    public ClientId clientId() {
      return clientId;
    }

    public CallId call() {
      return call;
    }

    /** True when the MAC matches {@code key} (constant-time). */
    public boolean authenticatedBy(PulseMacKey key) {
      return MessageAuthenticator.verify(key, datagram);
    }
  }

  private PunchNowAckCodec() {}

  public static byte[] encode(ClientId clientId, CallId call, PulseMacKey key) {
    byte[] out = new byte[LENGTH];
    V2Header.write(out, V2Header.TYPE_PUNCH_NOW_ACK);
    System.arraycopy(clientId.toBytes(), 0, out, CLIENT_OFFSET, ClientId.LENGTH_BYTES);
    System.arraycopy(call.toBytes(), 0, out, CALL_OFFSET, CallId.LENGTH_BYTES);
    byte[] mac = MessageAuthenticator.mac(key, out, MAC_OFFSET);
    System.arraycopy(mac, 0, out, MAC_OFFSET, MessageAuthenticator.MAC_LENGTH);
    return out;
  }

  /** True when a v2 datagram's type byte says PUNCH_NOW_ACK. */
  public static boolean isPunchNowAck(byte[] datagram) {
    return datagram.length >= V2Header.LENGTH && datagram[1] == V2Header.TYPE_PUNCH_NOW_ACK;
  }

  /**
   * Decodes the layout (edge side); the MAC is checked later with {@link
   * PunchNowAck#authenticatedBy}.
   *
   * @throws MalformedPulseException when the layout is wrong
   */
  public static PunchNowAck decode(byte[] datagram) {
    if (datagram.length != LENGTH) {
      throw new MalformedPulseException(
          "v2 punch-now ack must be " + LENGTH + " bytes, not " + datagram.length,
          Math.min(datagram.length, LENGTH));
    }
    V2Header.check(datagram, V2Header.TYPE_PUNCH_NOW_ACK);
    return new PunchNowAck(
        ClientId.fromBytes(Arrays.copyOfRange(datagram, CLIENT_OFFSET, CALL_OFFSET)),
        CallId.fromBytes(Arrays.copyOfRange(datagram, CALL_OFFSET, MAC_OFFSET)),
        datagram.clone());
  }
}
