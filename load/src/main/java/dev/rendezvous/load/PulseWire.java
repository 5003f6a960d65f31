package dev.rendezvous.load;

import dev.rendezvous.protocol.MalformedPulseException;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
import dev.rendezvous.protocol.v2.ChallengeNonce;
import dev.rendezvous.protocol.v2.PulseV2Challenge;
import dev.rendezvous.protocol.v2.PulseV2ChallengeCodec;
import dev.rendezvous.protocol.v2.PulseV2Reply;
import dev.rendezvous.protocol.v2.PulseV2ReplyCodec;
import dev.rendezvous.protocol.v2.PulseV2RequestCodec;
import java.net.InetSocketAddress;

/** Encodes a client's pulse and reads the reply, with the core codecs. */
final class PulseWire {
  private PulseWire() {}

  static byte[] pulse(SimulatedClient c, long counter) {
    return c.v1 ? c.key.toBytes() : PulseV2RequestCodec.encode(c.id, counter, c.macKey);
  }

  /** The reply's code and (v2) counter and observed address; throws on a bad reply. */
  record Reply(int code, long counter, InetSocketAddress observed) {}

  static Reply read(SimulatedClient c, byte[] datagram) {
    if (c.v1) {
      return new Reply(PulseV1ReplyCodec.decode(datagram).code(), -1, null);
    }
    PulseV2Reply r = PulseV2ReplyCodec.decode(datagram, c.macKey);
    return new Reply(
        r.code().code(), r.counter(), new InetSocketAddress(r.observedAddress(), r.observedPort()));
  }

  /** A CHALLENGE's counter, nonce and the family the edge saw. */
  record Challenge(long counter, ChallengeNonce nonce, boolean ipv6) {}

  static boolean isChallenge(byte[] datagram) {
    return PulseV2ChallengeCodec.looksLikeChallenge(datagram);
  }

  /** Decodes and authenticates a challenge; throws on a bad one. */
  static Challenge challenge(SimulatedClient c, byte[] datagram) {
    PulseV2Challenge ch = PulseV2ChallengeCodec.decode(datagram, c.macKey);
    return new Challenge(ch.counter(), ch.nonce(), ch.observedIpv6());
  }

  /** The pulse that answers a challenge. */
  static byte[] answer(SimulatedClient c, long counter, Challenge challenge) {
    return PulseV2RequestCodec.encode(c.id, counter, c.macKey, challenge.ipv6(), challenge.nonce());
  }

  static boolean isMalformed(RuntimeException e) {
    return e instanceof MalformedPulseException;
  }
}
