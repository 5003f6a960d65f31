package dev.rendezvous.load;

import dev.rendezvous.protocol.MalformedPulseException;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
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

  static boolean isMalformed(RuntimeException e) {
    return e instanceof MalformedPulseException;
  }
}
