package dev.rendezvous.edge.pulse;

import dev.rendezvous.core.directory.memory.InMemoryDirectory;
import dev.rendezvous.core.registry.PulseRecorder;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.edge.TroubledRecorder;
import dev.rendezvous.edge.limit.BoundedLruMap;
import dev.rendezvous.edge.limit.KeyedRateLimiter;
import dev.rendezvous.edge.observe.EdgeMetrics;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.protocol.identity.PulseMacKey;
import dev.rendezvous.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The edge's real pipeline (source limit, decoder, handler) in an {@link EmbeddedChannel}, over the
 * real in-memory store behind a {@link TroubledRecorder}, with a clock the test moves.
 */
final class PipelineFixture {
  static final PulseTimings TIMINGS = new PulseTimings(2, 1, 4);
  static final InetSocketAddress EDGE = new InetSocketAddress(loopback(), 5024);

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
  final InMemoryDirectory registry = new InMemoryDirectory(new LivenessRules(TIMINGS), clock);
  final TroubledRecorder recorder = new TroubledRecorder(registry.live());
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final AtomicInteger inFlight = new AtomicInteger();
  final EdgeMetrics metrics = new EdgeMetrics(meters, inFlight::get);
  final StorageGate gate;
  final EmbeddedChannel channel;
  private final CredentialFactory credentials = new CredentialFactory();

  PipelineFixture() {
    this(Options.defaults());
  }

  PipelineFixture(Options o) {
    gate = new StorageGate(o.maxInFlight, o.storageTimeout, metrics, inFlight);
    PulseRecorder store = recorder;
    channel =
        new EmbeddedChannel(
            new SourceLimitHandler(
                new KeyedRateLimiter<InetAddress>(o.sourceRate, o.sourceBurst, 1000, clock),
                metrics),
            new PulseDecoder(o.v1Enabled, metrics),
            new PulseHandler(
                store,
                gate,
                new KeyedRateLimiter<ClientId>(o.clientRate, o.clientBurst, 1000, clock),
                new BoundedLruMap<ClientId, PulseMacKey>(1000),
                metrics,
                clock,
                Duration.ofMinutes(5)));
  }

  ClientCredentials register() {
    ClientCredentials c = credentials.issue();
    registry.register(c);
    return c;
  }

  ClientCredentials unregistered() {
    return credentials.issue();
  }

  /** Sends one datagram from {@code sender}; returns the reply bytes, or null for silence. */
  byte[] send(byte[] datagram, InetSocketAddress sender) {
    channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(datagram), EDGE, sender));
    return reply(datagram.length, sender);
  }

  /**
   * The next reply already written, or null; checks it goes back to the sender and is not larger.
   */
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

  static InetSocketAddress sender(int port) {
    return new InetSocketAddress(addr("203.0.113.7"), port);
  }

  static InetAddress addr(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static InetAddress loopback() {
    return InetAddress.getLoopbackAddress();
  }

  /** Pipeline settings for one test. */
  static final class Options {
    boolean v1Enabled = true;
    int maxInFlight = 100;
    Duration storageTimeout = Duration.ofSeconds(5);
    double sourceRate = 1000;
    double sourceBurst = 1000;
    double clientRate = 1000;
    double clientBurst = 1000;

    static Options defaults() {
      return new Options();
    }
  }
}
