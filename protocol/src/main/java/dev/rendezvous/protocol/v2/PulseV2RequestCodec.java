package dev.rendezvous.protocol.v2;

import dev.rendezvous.protocol.MalformedPulseException;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PulseMacKey;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The v2 PULSE message (type 0x01), client to edge, 60 bytes.
 *
 * <pre>
 *  0               4                               20              28
 * +---------------+-------------------------------+---------------+
 * | 02 01 00 00   |       client_id (16)          | counter (u64) |
 * +---------------+-------------------------------+---------------+
 *  28                              44                              60
 * +-------------------------------+-------------------------------+
 * |       reserved, zero (16)     |  MAC over bytes 0..43 (16)    |
 * +-------------------------------+-------------------------------+
 * </pre>
 *
 * The reserved bytes keep the request longer than its reply, so the edge never amplifies.
 */
public final class PulseV2RequestCodec {
  public static final int LENGTH = 60;
  static final int CLIENT_ID_OFFSET = 4;
  static final int COUNTER_OFFSET = 20;
  static final int RESERVED_OFFSET = 28;
  static final int RESERVED_LENGTH = 16;
  static final int MAC_OFFSET = 44;

  private PulseV2RequestCodec() {}

  public static byte[] encode(ClientId clientId, long counter, PulseMacKey key) {
    byte[] out = new byte[LENGTH];
    V2Header.write(out, V2Header.TYPE_PULSE);
    System.arraycopy(clientId.toBytes(), 0, out, CLIENT_ID_OFFSET, ClientId.LENGTH_BYTES);
    ByteBuffer.wrap(out).putLong(COUNTER_OFFSET, counter);
    byte[] mac = MessageAuthenticator.mac(key, out, MAC_OFFSET);
    System.arraycopy(mac, 0, out, MAC_OFFSET, MessageAuthenticator.MAC_LENGTH);
    return out;
  }

  /**
   * Checks the layout and returns the claimed identity and counter; the MAC is checked later, once
   * the key is known.
   *
   * @throws MalformedPulseException with the offset where decoding failed
   */
  public static PulseV2Request decode(byte[] datagram) {
    if (datagram.length != LENGTH) {
      throw new MalformedPulseException(
          "v2 pulse must be " + LENGTH + " bytes, not " + datagram.length,
          Math.min(datagram.length, LENGTH));
    }
    V2Header.check(datagram, V2Header.TYPE_PULSE);
    for (int i = RESERVED_OFFSET; i < RESERVED_OFFSET + RESERVED_LENGTH; i++) {
      if (datagram[i] != 0) {
        throw new MalformedPulseException("v2 reserved bytes must be zero", i);
      }
    }
    long counter = ByteBuffer.wrap(datagram).getLong(COUNTER_OFFSET);
    if (counter <= 0) {
      throw new MalformedPulseException("v2 counter must be positive", COUNTER_OFFSET);
    }
    ClientId clientId =
        ClientId.fromBytes(
            Arrays.copyOfRange(
                datagram, CLIENT_ID_OFFSET, CLIENT_ID_OFFSET + ClientId.LENGTH_BYTES));
    return new PulseV2Request(clientId, counter, datagram);
  }
}
