package dev.rendezvous.edge.pulse;

import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.v1.PulseV1Request;
import dev.rendezvous.protocol.v2.PulseV2Request;
import dev.rendezvous.protocol.v2.PunchNowAckCodec.PunchNowAck;
import java.net.InetSocketAddress;

/**
 * A well-formed pulse (or PUNCH_NOW acknowledgement) and where it came from, as {@link
 * PulseDecoder} hands it on.
 */
public sealed interface InboundPulse {

  /** The client it claims to be from (derived from the key for v1; not yet authenticated). */
  ClientId clientId();

  /** The datagram's source address and port: what gets recorded and echoed. */
  InetSocketAddress sender();

  /** The request's length in bytes: no reply may be longer. */
  int requestLength();

  /** A v1 pulse (the private key on the wire). */
  record V1(PulseV1Request request, ClientId clientId, InetSocketAddress sender, int requestLength)
      implements InboundPulse {}

  /** A v2 PUNCH_NOW_ACK, decoded but not yet authenticated (the shard checks its MAC). */
  record PunchNowAckIn(PunchNowAck ack, InetSocketAddress sender, int requestLength)
      implements InboundPulse {
    @Override
    public ClientId clientId() {
      return ack.clientId();
    }
  }

  /** A v2 pulse, decoded but not yet authenticated. */
  record V2(PulseV2Request request, InetSocketAddress sender, int requestLength)
      implements InboundPulse {
    @Override
    public ClientId clientId() {
      return request.clientId();
    }
  }
}
