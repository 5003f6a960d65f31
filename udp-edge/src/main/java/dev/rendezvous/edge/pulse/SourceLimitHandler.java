package dev.rendezvous.edge.pulse;

import dev.rendezvous.edge.limit.KeyedRateLimiter;
import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.edge.observe.EdgeMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;

/**
 * First in the pipeline: drops (and releases) datagrams from a source address that sends faster
 * than its token bucket allows, before any decoding or storage work is spent on them. Keyed by IP
 * address, not port, so one host cannot dodge it by changing ports; the default rate leaves room
 * for many clients behind one carrier-grade NAT. One per socket (event loop), so that no lock is
 * shared between loops.
 */
public final class SourceLimitHandler extends ChannelInboundHandlerAdapter {
  private final KeyedRateLimiter<InetAddress> limiter;
  private final EdgeMetrics metrics;

  public SourceLimitHandler(KeyedRateLimiter<InetAddress> limiter, EdgeMetrics metrics) {
    this.limiter = limiter;
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof DatagramPacket packet) {
      InetAddress source = packet.sender() == null ? null : packet.sender().getAddress();
      if (source != null && !limiter.tryAcquire(source)) {
        packet.release();
        metrics.dropped(DropReason.RATE_LIMITED_SOURCE);
        return;
      }
    }
    ctx.fireChannelRead(msg);
  }
}
