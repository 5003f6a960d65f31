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
 * | 02 01 00 0F   |       client_id (16)          | counter (u64) |
 * +---------------+-------------------------------+---------------+
 *  28                              44                              60
 * +-------------------------------+-------------------------------+
 * |  nonce, or zero (16)          |  MAC over bytes 0..43 (16)    |
 * +-------------------------------+-------------------------------+
 * </pre>
 *
 * F (byte 3, bit 0) is {@link V2Header#FLAG_IPV6}: the family of the sender's path as the edge last
 * reported it, bound by the MAC so a pulse cannot be replayed over the other family. The nonce
 * answers a CHALLENGE (all zero when it answers none). Both keep the request longer than any
 * message the edge sends back, so the edge never amplifies.
 */
public final class PulseV2RequestCodec {
  public static final int LENGTH = 60;
  static final int CLIENT_ID_OFFSET = 4;
  static final int COUNTER_OFFSET = 20;
  static final int RESERVED_OFFSET = 28;
  static final int RESERVED_LENGTH = 16;
  static final int MAC_OFFSET = 44;

  private PulseV2RequestCodec() {}

  /** A pulse over IPv4 that answers no challenge. */
  public static byte[] encode(ClientId clientId, long counter, PulseMacKey key) {
    return encode(clientId, counter, key, false, ChallengeNonce.none());
  }

  /**
   * A pulse.
   *
   * @param ipv6 the family of the path as the edge last reported it (or, before any reply, the
   *     family of the address the client sends to)
   * @param nonce the nonce of the challenge this pulse answers, or {@link ChallengeNonce#none()}
   */
  public static byte[] encode(
      ClientId clientId, long counter, PulseMacKey key, boolean ipv6, ChallengeNonce nonce) {
    byte[] out = new byte[LENGTH];
    V2Header.write(out, V2Header.TYPE_PULSE, ipv6 ? V2Header.FLAG_IPV6 : 0);
    System.arraycopy(clientId.toBytes(), 0, out, CLIENT_ID_OFFSET, ClientId.LENGTH_BYTES);
    ByteBuffer.wrap(out).putLong(COUNTER_OFFSET, counter);
    nonce.copyInto(out, RESERVED_OFFSET);
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
    V2Header.check(datagram, V2Header.TYPE_PULSE, V2Header.FLAG_IPV6);
    long counter = ByteBuffer.wrap(datagram).getLong(COUNTER_OFFSET);
    if (counter <= 0) {
      throw new MalformedPulseException("v2 counter must be positive", COUNTER_OFFSET);
    }
    ClientId clientId =
        ClientId.fromBytes(
            Arrays.copyOfRange(
                datagram, CLIENT_ID_OFFSET, CLIENT_ID_OFFSET + ClientId.LENGTH_BYTES));
    ChallengeNonce nonce =
        ChallengeNonce.of(
            Arrays.copyOfRange(datagram, RESERVED_OFFSET, RESERVED_OFFSET + RESERVED_LENGTH));
    boolean ipv6 = (V2Header.flags(datagram) & V2Header.FLAG_IPV6) != 0;
    return new PulseV2Request(clientId, counter, ipv6, nonce, datagram);
  }
}
