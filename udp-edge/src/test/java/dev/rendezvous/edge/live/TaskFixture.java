package dev.rendezvous.edge.live;

import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.edge.EdgePipeline;
import dev.rendezvous.edge.observe.EdgeMetrics;
import dev.rendezvous.edge.pulse.StorageGate;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.v2.ChallengeNonce;
import dev.rendezvous.protocol.v2.PulseV2ChallengeCodec;
import dev.rendezvous.protocol.v2.PulseV2RequestCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One edge task's real pipeline ({@link EdgePipeline}: decoder, router, one shard) in an {@link
 * EmbeddedChannel}, on a {@link World}'s directory and clock.
 */
final class TaskFixture {
  static final InetSocketAddress EDGE =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 5024);

  final World world;
  final TaskId id;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final AtomicInteger inFlight = new AtomicInteger();
  final EdgeMetrics metrics = new EdgeMetrics(meters, inFlight::get);
  final EmbeddedChannel channel = new EmbeddedChannel();
  final Shard shard;

  TaskFixture(World world, TaskId id, Options o) {
    this.world = world;
    this.id = id;
    StorageGate gate = new StorageGate(o.maxInFlight, o.storageTimeout, metrics, inFlight);
    byte[] secret = ChallengeNonces.randomSecret(new SecureRandom());
    ShardConfig config =
        new ShardConfig(
            world.troubled,
            id,
            OwnerTimings.of(
                World.TIMINGS, o.checkpointIntervals, Duration.ofMinutes(5), o.storageTimeout),
            world.rules,
            gate,
            metrics,
            world.clock,
            (previous, clientId, family, epoch) -> {
              TaskFixture old = world.tasks.get(previous.task());
              if (old != null && o.revokes) {
                old.shard.revoke(clientId, family, epoch);
              }
            },
            () -> new ChallengeNonces(secret),
            o.maxClients,
            1024,
            o.sourceRate,
            o.sourceBurst,
            o.clientRate,
            o.clientBurst,
            1000,
            o.takeoverRate);
    EdgePipeline pipeline =
        EdgePipeline.forLoops(List.of(channel.eventLoop()), config, o.v1Enabled, metrics);
    pipeline.install(channel.pipeline());
    pipeline.attach(0, channel);
    this.shard = pipeline.shards().get(0);
  }

  /** Sends one datagram from {@code sender}; returns the reply bytes, or null for silence. */
  byte[] send(byte[] datagram, InetSocketAddress sender) {
    channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(datagram), EDGE, sender));
    return reply(datagram.length, sender);
  }

  /** The next answer already written (after running pending tasks), or null. */
  byte[] reply(int requestLength, InetSocketAddress sender) {
    channel.runPendingTasks();
    DatagramPacket out = channel.readOutbound();
    if (out == null) {
      return null;
    }
    try {
      if (!out.recipient().equals(sender)) {
        throw new AssertionError("reply went to " + out.recipient() + ", not " + sender);
      }
      byte[] bytes = ByteBufUtil.getBytes(out.content());
      if (bytes.length > requestLength) {
        throw new AssertionError("reply of " + bytes.length + " bytes to " + requestLength);
      }
      return bytes;
    } finally {
      out.release();
    }
  }

  /**
   * A v2 pulse as the SDK sends it: if the edge challenges, the answer (next counter, the nonce,
   * the family the edge saw) goes out at once. Returns the final reply, or null for silence.
   */
  byte[] pulse(ClientCredentials c, InetSocketAddress from) {
    long counter = nextCounter(c);
    byte[] answer =
        send(
            PulseV2RequestCodec.encode(
                c.clientId(),
                counter,
                c.privateKey().pulseMacKey(),
                isV6(from),
                ChallengeNonce.none()),
            from);
    if (answer != null && PulseV2ChallengeCodec.looksLikeChallenge(answer)) {
      ChallengeNonce nonce =
          PulseV2ChallengeCodec.decode(answer, c.privateKey().pulseMacKey()).nonce();
      return send(
          PulseV2RequestCodec.encode(
              c.clientId(), nextCounter(c), c.privateKey().pulseMacKey(), isV6(from), nonce),
          from);
    }
    return answer;
  }

  /** A strictly increasing counter near the world's clock, per client. */
  long nextCounter(ClientCredentials c) {
    return world.counters.merge(
        c.clientId(), world.clock.millis(), (old, now) -> Math.max(old + 1, now));
  }

  void tick() {
    shard.tick();
    channel.runPendingTasks();
  }

  static boolean isV6(InetSocketAddress a) {
    return Addresses.isV6(a.getAddress());
  }

  static InetSocketAddress from(String host, int port) {
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Pipeline settings for one task. */
  static final class Options {
    boolean v1Enabled = true;
    boolean revokes = true;
    int maxInFlight = 100;
    Duration storageTimeout = Duration.ofSeconds(5);
    double sourceRate = 1000;
    double sourceBurst = 1000;
    double clientRate = 1000;
    double clientBurst = 1000;
    double takeoverRate = 1000;
    int maxClients = 10_000;
    int checkpointIntervals = 10;

    static Options defaults() {
      return new Options();
    }
  }
}
