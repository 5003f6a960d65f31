package dev.rendezvous.edge;

import dev.rendezvous.edge.live.Shard;
import dev.rendezvous.edge.live.ShardConfig;
import dev.rendezvous.edge.observe.EdgeMetrics;
import dev.rendezvous.edge.pulse.PulseDecoder;
import dev.rendezvous.edge.pulse.ShardRouter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one place the pulse pipeline is built, for the running edge and for tests alike: one {@link
 * Shard} per event loop, and per socket a {@link PulseDecoder} then a {@link ShardRouter}. Each
 * socket's shard replies through that socket.
 */
public final class EdgePipeline {
  private final List<Shard> shards;
  private final boolean v1Enabled;
  private final EdgeMetrics metrics;

  private EdgePipeline(List<Shard> shards, boolean v1Enabled, EdgeMetrics metrics) {
    this.shards = List.copyOf(shards);
    this.v1Enabled = v1Enabled;
    this.metrics = metrics;
  }

  /** One shard per loop; socket i will belong to loop i. */
  public static EdgePipeline forLoops(
      List<EventLoop> loops, ShardConfig config, boolean v1Enabled, EdgeMetrics metrics) {
    List<Shard> shards = new ArrayList<>();
    for (EventLoop loop : loops) {
      shards.add(new Shard(loop, config));
    }
    EdgePipeline pipeline = new EdgePipeline(shards, v1Enabled, metrics);
    metrics.liveClients(pipeline::liveEntries);
    return pipeline;
  }

  public List<Shard> shards() {
    return shards;
  }

  /** Adds the handlers of one socket. */
  public void install(ChannelPipeline pipeline) {
    pipeline.addLast(new PulseDecoder(v1Enabled, metrics), new ShardRouter(shards, metrics));
  }

  /** An initializer that installs the handlers on each socket. */
  public ChannelInitializer<Channel> initializer() {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        install(ch.pipeline());
      }
    };
  }

  /** Socket {@code index} is bound: its shard replies through it. */
  public void attach(int index, Channel socket) {
    shards.get(index).attach(socket);
  }

  /** Starts each shard's timer tick on its own loop. */
  public void startTicking() {
    for (Shard shard : shards) {
      var unused =
          shard
              .loop()
              .scheduleAtFixedRate(
                  shard::tick, Shard.TICK_MILLIS, Shard.TICK_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** (client, family) entries held now, over all shards. */
  public int liveEntries() {
    int total = 0;
    for (Shard s : shards) {
      total += s.liveEntries();
    }
    return total;
  }
}
