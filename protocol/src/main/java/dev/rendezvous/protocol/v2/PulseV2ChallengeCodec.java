package dev.rendezvous.protocol.v2;

import dev.rendezvous.protocol.MalformedPulseException;
import dev.rendezvous.protocol.identity.PulseMacKey;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The v2 CHALLENGE message (type 0x83), edge to client, 48 bytes: smaller than the PULSE it
 * answers, so it amplifies nothing.
 *
 * <pre>
 *  0               4                               12
 * +---------------+-------------------------------+
 * | 02 83 00 00   |   counter echoed (u64)        |
 * +---------------+-------------------------------+
 *  12                              28      29      32
 * +-------------------------------+-------+-------+
 * |        nonce (16)             |family | 00 00 00
 * +-------------------------------+-------+-------+
 *  32                              48
 * +-------------------------------+
 * |  MAC over bytes 0..31 (16)    |
 * +-------------------------------+
 * </pre>
 *
 * family is 4 or 6: how the edge saw the pulse arrive. The MAC is under the client's pulse MAC key.
 */
public final class PulseV2ChallengeCodec {
  public static final int LENGTH = 48;
  static final int COUNTER_OFFSET = 4;
  static final int NONCE_OFFSET = 12;
  static final int FAMILY_OFFSET = 28;
  static final int MAC_OFFSET = 32;

  private PulseV2ChallengeCodec() {}

  public static byte[] encode(PulseV2Challenge challenge, PulseMacKey key) {
    byte[] out = new byte[LENGTH];
    V2Header.write(out, V2Header.TYPE_CHALLENGE);
    ByteBuffer.wrap(out).putLong(COUNTER_OFFSET, challenge.counter());
    challenge.nonce().copyInto(out, NONCE_OFFSET);
    out[FAMILY_OFFSET] = (byte) (challenge.observedIpv6() ? 6 : 4);
    byte[] mac = MessageAuthenticator.mac(key, out, MAC_OFFSET);
    System.arraycopy(mac, 0, out, MAC_OFFSET, MessageAuthenticator.MAC_LENGTH);
    return out;
  }

  /** True when the datagram says it is a CHALLENGE (length and type); not yet authenticated. */
  public static boolean looksLikeChallenge(byte[] datagram) {
    return datagram.length == LENGTH
        && datagram[0] == V2Header.VERSION
        && datagram[1] == V2Header.TYPE_CHALLENGE;
  }

  /**
   * Decodes and authenticates a challenge (client side).
   *
   * @throws MalformedPulseException when the layout is wrong or the MAC does not match
   */
  public static PulseV2Challenge decode(byte[] datagram, PulseMacKey key) {
    if (datagram.length != LENGTH) {
      throw new MalformedPulseException(
          "v2 challenge must be " + LENGTH + " bytes, not " + datagram.length,
          Math.min(datagram.length, LENGTH));
    }
    V2Header.check(datagram, V2Header.TYPE_CHALLENGE);
    if (!MessageAuthenticator.verify(key, datagram)) {
      throw new MalformedPulseException("v2 challenge MAC does not match", MAC_OFFSET);
    }
    int family = datagram[FAMILY_OFFSET];
    if (family != 4 && family != 6) {
      throw new MalformedPulseException("address family must be 4 or 6", FAMILY_OFFSET);
    }
    for (int i = FAMILY_OFFSET + 1; i < MAC_OFFSET; i++) {
      if (datagram[i] != 0) {
        throw new MalformedPulseException("v2 challenge padding must be zero", i);
      }
    }
    ChallengeNonce nonce =
        ChallengeNonce.of(
            Arrays.copyOfRange(datagram, NONCE_OFFSET, NONCE_OFFSET + ChallengeNonce.LENGTH_BYTES));
    if (!nonce.isPresent()) {
      throw new MalformedPulseException("v2 challenge nonce must not be zero", NONCE_OFFSET);
    }
    long counter = ByteBuffer.wrap(datagram).getLong(COUNTER_OFFSET);
    return new PulseV2Challenge(counter, nonce, family == 6);
  }
}
