package dev.rendezvous.protocol.v2;

import dev.rendezvous.protocol.MalformedPulseException;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.PulseMacKey;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The v2 PULSE_REPLY message (type 0x81), edge to client, 52 bytes.
 *
 * <pre>
 *  0               4               8                               16
 * +---------------+---------------+-------------------------------+
 * | 02 81 00 00   | code (int32)  |   counter echoed (u64)        |
 * +---------------+---------------+-------------------------------+
 *  16      17      18              20                              36
 * +-------+-------+---------------+-------------------------------+
 * |family | 00    | port (u16)    | address (16)                  |
 * +-------+-------+---------------+-------------------------------+
 *  36                              52
 * +-------------------------------+
 * |  MAC over bytes 0..35 (16)    |
 * +-------------------------------+
 * </pre>
 *
 * family is 4 (IPv4 in the first 4 address bytes, the rest zero) or 6.
 */
public final class PulseV2ReplyCodec {
  public static final int LENGTH = 52;
  static final int CODE_OFFSET = 4;
  static final int COUNTER_OFFSET = 8;
  static final int FAMILY_OFFSET = 16;
  static final int PORT_OFFSET = 18;
  static final int ADDRESS_OFFSET = 20;
  static final int ADDRESS_LENGTH = 16;
  static final int MAC_OFFSET = 36;

  private PulseV2ReplyCodec() {}

  public static byte[] encode(PulseV2Reply reply, PulseMacKey key) {
    byte[] out = new byte[LENGTH];
    V2Header.write(out, V2Header.TYPE_PULSE_REPLY);
    ByteBuffer buffer = ByteBuffer.wrap(out);
    buffer.putInt(CODE_OFFSET, reply.code().code());
    buffer.putLong(COUNTER_OFFSET, reply.counter());
    byte[] address = reply.observedAddress().getAddress();
    out[FAMILY_OFFSET] = (byte) (reply.observedAddress() instanceof Inet4Address ? 4 : 6);
    buffer.putShort(PORT_OFFSET, (short) reply.observedPort());
    System.arraycopy(address, 0, out, ADDRESS_OFFSET, address.length);
    byte[] mac = MessageAuthenticator.mac(key, out, MAC_OFFSET);
    System.arraycopy(mac, 0, out, MAC_OFFSET, MessageAuthenticator.MAC_LENGTH);
    return out;
  }

  /**
   * Decodes and authenticates a reply (client side).
   *
   * @throws MalformedPulseException when the layout is wrong or the MAC does not match
   */
  public static PulseV2Reply decode(byte[] datagram, PulseMacKey key) {
    if (datagram.length != LENGTH) {
      throw new MalformedPulseException(
          "v2 reply must be " + LENGTH + " bytes, not " + datagram.length,
          Math.min(datagram.length, LENGTH));
    }
    V2Header.check(datagram, V2Header.TYPE_PULSE_REPLY);
    if (!MessageAuthenticator.verify(key, datagram)) {
      throw new MalformedPulseException("v2 reply MAC does not match", MAC_OFFSET);
    }
    ByteBuffer buffer = ByteBuffer.wrap(datagram);
    int codeValue = buffer.getInt(CODE_OFFSET);
    ResponseCode code =
        ResponseCode.fromCode(codeValue)
            .orElseThrow(() -> new MalformedPulseException("unknown response code", CODE_OFFSET));
    long counter = buffer.getLong(COUNTER_OFFSET);
    int family = datagram[FAMILY_OFFSET];
    int addressLength =
        switch (family) {
          case 4 -> 4;
          case 6 -> 16;
          default ->
              throw new MalformedPulseException("address family must be 4 or 6", FAMILY_OFFSET);
        };
    int port = Short.toUnsignedInt(buffer.getShort(PORT_OFFSET));
    try {
      InetAddress address =
          InetAddress.getByAddress(
              Arrays.copyOfRange(datagram, ADDRESS_OFFSET, ADDRESS_OFFSET + addressLength));
      return new PulseV2Reply(code, counter, address, port);
    } catch (UnknownHostException e) {
      throw new MalformedPulseException("bad address bytes", ADDRESS_OFFSET);
    }
  }
}
