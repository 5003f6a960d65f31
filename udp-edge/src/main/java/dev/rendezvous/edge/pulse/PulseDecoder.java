package dev.rendezvous.edge.pulse;

import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.edge.observe.EdgeMetrics;
import dev.rendezvous.protocol.MalformedPulseException;
import dev.rendezvous.protocol.RequestVersion;
import dev.rendezvous.protocol.v1.PulseV1Request;
import dev.rendezvous.protocol.v1.PulseV1RequestCodec;
import dev.rendezvous.protocol.v2.PulseV2RequestCodec;
import dev.rendezvous.protocol.v2.PunchNowAckCodec;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Turns a datagram into an {@link InboundPulse} by delegating to the protocol codecs, or drops it
 * silently when it is not a well-formed request, counting the decoder's reason. The formats are
 * told apart by the version byte before the length ({@link RequestVersion}, docs/protocol.md). It
 * touches no client state, so it runs on whichever event loop received the datagram.
 */
public final class PulseDecoder extends MessageToMessageDecoder<DatagramPacket> {
  private final boolean v1Enabled;
  private final EdgeMetrics metrics;

  public PulseDecoder(boolean v1Enabled, EdgeMetrics metrics) {
    super(DatagramPacket.class);
    this.v1Enabled = v1Enabled;
    this.metrics = metrics;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
    InetSocketAddress sender = packet.sender();
    if (sender == null || sender.getPort() == 0 || sender.getAddress() == null) {
      metrics.malformed("no source port");
      return;
    }
    byte[] datagram = ByteBufUtil.getBytes(packet.content());
    try {
      switch (RequestVersion.of(datagram)) {
        case V1 -> {
          if (!v1Enabled) {
            metrics.dropped(DropReason.V1_DISABLED);
            return;
          }
          PulseV1Request request = PulseV1RequestCodec.decode(datagram);
          out.add(new InboundPulse.V1(request, request.key().clientId(), sender, datagram.length));
        }
        case V2 -> {
          if (PunchNowAckCodec.isPunchNowAck(datagram)) {
            out.add(
                new InboundPulse.PunchNowAckIn(
                    PunchNowAckCodec.decode(datagram), sender, datagram.length));
          } else {
            out.add(
                new InboundPulse.V2(PulseV2RequestCodec.decode(datagram), sender, datagram.length));
          }
        }
        case NONE -> metrics.malformed("neither v1 nor v2");
      }
    } catch (MalformedPulseException e) {
      metrics.malformed(e.reason());
    }
  }
}
