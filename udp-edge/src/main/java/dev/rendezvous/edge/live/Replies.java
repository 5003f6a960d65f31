package dev.rendezvous.edge.live;

import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.edge.observe.EdgeMetrics;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.PulseMacKey;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
import dev.rendezvous.protocol.v2.ChallengeNonce;
import dev.rendezvous.protocol.v2.PulseV2Challenge;
import dev.rendezvous.protocol.v2.PulseV2ChallengeCodec;
import dev.rendezvous.protocol.v2.PulseV2Reply;
import dev.rendezvous.protocol.v2.PulseV2ReplyCodec;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * Encodes and sends what a shard answers: v1 and v2 replies and v2 challenges, each checked to be
 * no larger than the request that caused it, through the shard's own socket.
 */
final class Replies {
  private final EdgeMetrics metrics;
  private Channel channel;

  Replies(EdgeMetrics metrics) {
    this.metrics = metrics;
  }

  void attach(Channel socket) {
    this.channel = socket;
  }

  /** Answers the pulse with {@code code}; v2 replies are authenticated under {@code macKey}. */
  void reply(Arrival a, ResponseCode code, byte[] macKey) {
    byte[] out =
        a.isV2()
            ? PulseV2ReplyCodec.encode(
                new PulseV2Reply(code, a.counter(), a.sender().getAddress(), a.sender().getPort()),
                PulseMacKey.fromStoredBytes(macKey))
            : PulseV1ReplyCodec.encode(code);
    if (send(a, out)) {
      metrics.replied(code);
    }
  }

  /** Sends a v2 CHALLENGE carrying {@code nonce}. */
  void challenge(Arrival a, ChallengeNonce nonce, byte[] macKey) {
    byte[] out =
        PulseV2ChallengeCodec.encode(
            new PulseV2Challenge(a.counter(), nonce, a.v6()), PulseMacKey.fromStoredBytes(macKey));
    if (send(a, out)) {
      metrics.challenged();
    }
  }

  /** Sends a PUNCH_NOW to a client's recorded address (no larger than the pulses it answers). */
  void push(InetSocketAddress to, byte[] out) {
    channel
        .writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(out), to))
        .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
  }

  private boolean send(Arrival a, byte[] out) {
    if (out.length > a.pulse().requestLength()) {
      metrics.dropped(DropReason.REPLY_TOO_LARGE);
      return false;
    }
    channel
        .writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(out), a.sender()))
        .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    return true;
  }
}
