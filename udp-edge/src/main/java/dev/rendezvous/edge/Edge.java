package dev.rendezvous.edge;

import dev.rendezvous.core.registry.PulseRecorder;
import dev.rendezvous.edge.limit.BoundedLruMap;
import dev.rendezvous.edge.limit.KeyedRateLimiter;
import dev.rendezvous.edge.observe.EdgeMetrics;
import dev.rendezvous.edge.observe.HealthServer;
import dev.rendezvous.edge.pulse.PulseDecoder;
import dev.rendezvous.edge.pulse.PulseHandler;
import dev.rendezvous.edge.pulse.SourceLimitHandler;
import dev.rendezvous.edge.pulse.StorageGate;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PulseMacKey;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.DatagramChannel;
import java.net.InetAddress;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running edge: the pulse pipeline wired to a {@link PulseRecorder}, its UDP sockets, and its
 * health port. {@link #close()} drains: it stops reading, waits (up to the drain timeout) until
 * every pulse in flight has been answered or dropped, then closes the sockets.
 */
public final class Edge implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Edge.class);

  private final EdgeSettings settings;
  private final EdgeServer server;
  private final HealthServer health;
  private final StorageGate gate;
  private final EdgeMetrics metrics;
  private final PrometheusMeterRegistry registry;

  private Edge(
      EdgeSettings settings,
      EdgeServer server,
      HealthServer health,
      StorageGate gate,
      EdgeMetrics metrics,
      PrometheusMeterRegistry registry) {
    this.settings = settings;
    this.server = server;
    this.health = health;
    this.gate = gate;
    this.metrics = metrics;
    this.registry = registry;
  }

  public static Edge start(EdgeSettings settings, PulseRecorder recorder, Clock clock)
      throws InterruptedException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AtomicInteger inFlight = new AtomicInteger();
    EdgeMetrics metrics = new EdgeMetrics(registry, inFlight::get);
    StorageGate gate =
        new StorageGate(settings.maxInFlight(), settings.storageTimeout(), metrics, inFlight);
    PulseDecoder decoder = new PulseDecoder(settings.v1Enabled(), metrics);
    BoundedLruMap<ClientId, PulseMacKey> keyCache = new BoundedLruMap<>(settings.keyCacheSize());
    // Rate limiters are per socket, i.e. per event loop: no lock is shared between loops on the
    // hot path. The kernel hashes one flow to one socket, so a sender gets its configured rate;
    // one spreading over many source ports gets at most (event loops x rate).
    int keysPerLoop = Math.max(16, settings.trackedKeys() / settings.eventLoopThreads());
    ChannelInitializer<DatagramChannel> pipeline =
        new ChannelInitializer<>() {
          @Override
          protected void initChannel(DatagramChannel ch) {
            ch.pipeline()
                .addLast(
                    new SourceLimitHandler(
                        new KeyedRateLimiter<InetAddress>(
                            settings.sourceRatePerSecond(),
                            settings.sourceBurst(),
                            keysPerLoop,
                            clock),
                        metrics),
                    decoder,
                    new PulseHandler(
                        recorder,
                        gate,
                        new KeyedRateLimiter<ClientId>(
                            settings.clientRatePerSecond(),
                            settings.clientBurst(),
                            keysPerLoop,
                            clock),
                        keyCache,
                        metrics,
                        clock,
                        settings.v2MaxSkew()));
          }
        };
    EdgeServer server =
        EdgeServer.start(
            settings.bindAddress(),
            settings.shared().udpPort(),
            settings.eventLoopThreads(),
            pipeline);
    HealthServer health;
    try {
      health =
          HealthServer.start(
              settings.bindAddress(), settings.healthPort(), server::isServing, registry);
    } catch (RuntimeException | InterruptedException e) {
      server.close();
      throw e;
    }
    LOG.atInfo()
        .addKeyValue("event", "edge_started")
        .addKeyValue("bind_address", settings.bindAddress())
        .addKeyValue("udp_port", server.port())
        .addKeyValue("health_port", health.port())
        .addKeyValue("transport", server.transport())
        .addKeyValue("sockets", server.sockets())
        .addKeyValue("v1_enabled", settings.v1Enabled())
        .log("UDP edge listening");
    return new Edge(settings, server, health, gate, metrics, registry);
  }

  public int udpPort() {
    return server.port();
  }

  public int healthPort() {
    return health.port();
  }

  public String transport() {
    return server.transport();
  }

  public EdgeMetrics metrics() {
    return metrics;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public int inFlight() {
    return gate.inFlight();
  }

  /** Stops reading, drains in-flight pulses (bounded by the drain timeout), closes everything. */
  @Override
  public void close() {
    server.stopReading();
    boolean drained;
    try {
      drained = gate.awaitIdle(settings.drainTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      drained = false;
    }
    server.close();
    health.close();
    LOG.atInfo()
        .addKeyValue("event", "edge_stopped")
        .addKeyValue("drained", drained)
        .addKeyValue("in_flight", gate.inFlight())
        .log("UDP edge stopped");
  }
}
