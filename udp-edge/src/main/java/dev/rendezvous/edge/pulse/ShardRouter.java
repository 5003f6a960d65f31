package dev.rendezvous.edge.pulse;

import dev.rendezvous.edge.live.Shard;
import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.edge.observe.EdgeMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last in each socket's pipeline: hands a decoded pulse to the shard that owns its client (by
 * client id), on that shard's event loop. The pulse is handled right here when this loop is the
 * shard's own; otherwise it is queued onto the shard's loop, which does all the rest. One per
 * socket; it holds no state of its own.
 */
public final class ShardRouter extends SimpleChannelInboundHandler<InboundPulse> {
  private static final Logger LOG = LoggerFactory.getLogger(ShardRouter.class);

  private final List<Shard> shards;
  private final EdgeMetrics metrics;

  public ShardRouter(List<Shard> shards, EdgeMetrics metrics) {
    super(InboundPulse.class);
    this.shards = List.copyOf(shards);
    this.metrics = metrics;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, InboundPulse pulse) {
    Shard shard = shards.get(shardOf(pulse));
    if (shard.loop().inEventLoop()) {
      shard.onPulse(pulse);
      return;
    }
    try {
      shard.loop().execute(() -> shard.onPulse(pulse));
    } catch (RejectedExecutionException shuttingDown) {
      metrics.dropped(DropReason.OVERLOADED);
    }
  }

  private int shardOf(InboundPulse pulse) {
    return shards.size() == 1 ? 0 : Shard.indexOf(pulse.clientId(), shards.size());
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Keep serving: one bad datagram or a send error must not close the socket.
    metrics.dropped(DropReason.INTERNAL_ERROR);
    LOG.atWarn()
        .addKeyValue("event", "handler_error")
        .addKeyValue("error", cause.getClass().getSimpleName())
        .log("unexpected error while handling a pulse");
  }
}
