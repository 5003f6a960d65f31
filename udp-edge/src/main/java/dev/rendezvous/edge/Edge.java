package dev.rendezvous.edge;

import dev.rendezvous.core.directory.InternalSecret;
import dev.rendezvous.core.directory.LiveDirectory;
import dev.rendezvous.core.directory.OwnedClients;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.edge.internal.InternalApiServer;
import dev.rendezvous.edge.internal.InternalServerLimits;
import dev.rendezvous.edge.live.ChallengeNonces;
import dev.rendezvous.edge.live.Heartbeat;
import dev.rendezvous.edge.live.LiveOwners;
import dev.rendezvous.edge.live.OwnerTimings;
import dev.rendezvous.edge.live.ShardConfig;
import dev.rendezvous.edge.observe.EdgeMetrics;
import dev.rendezvous.edge.observe.HealthServer;
import dev.rendezvous.edge.pulse.StorageGate;
import dev.rendezvous.internalapi.InternalApiClient;
import dev.rendezvous.internalapi.InternalEndpoint;
import dev.rendezvous.internalapi.RequestSigning;
import dev.rendezvous.internalapi.SecretSource;
import dev.rendezvous.protocol.identity.ClientId;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running edge task: the shards that own its clients' live state, its UDP sockets, its heartbeat
 * and its health port. {@link #close()} drains: the heartbeat says "draining", reading stops, then
 * it waits (up to the drain timeout) until every storage call in flight has ended, then closes.
 */
public final class Edge implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Edge.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

  private final EdgeSettings settings;
  private final EdgeServer server;
  private final HealthServer health;
  private final StorageGate gate;
  private final EdgeMetrics metrics;
  private final PrometheusMeterRegistry registry;
  private final EdgePipeline pipeline;
  private final Heartbeat heartbeat;
  private final TaskId task;
  private final InternalSecret secret;
  private final InternalApiClient internalClient;
  private final ExecutorService revokeCaller;
  private final InternalApiServer internal;

  private Edge(Parts p) {
    this.settings = p.settings;
    this.server = p.server;
    this.health = p.health;
    this.gate = p.gate;
    this.metrics = p.metrics;
    this.registry = p.registry;
    this.pipeline = p.pipeline;
    this.heartbeat = p.heartbeat;
    this.task = p.task;
    this.secret = p.secret;
    this.internalClient = p.internalClient;
    this.revokeCaller = p.revokeCaller;
    this.internal = p.internal;
  }

  /** What {@link #start} puts together (so the constructor stays readable). */
  private static final class Parts {
    EdgeSettings settings;
    EdgeServer server;
    HealthServer health;
    StorageGate gate;
    EdgeMetrics metrics;
    PrometheusMeterRegistry registry;
    EdgePipeline pipeline;
    Heartbeat heartbeat;
    TaskId task;
    InternalSecret secret;
    InternalApiClient internalClient;
    ExecutorService revokeCaller;
    InternalApiServer internal;
  }

  /**
   * Starts a task: reads the internal secret, binds the UDP sockets (not reading yet), starts the
   * internal API, writes the first heartbeat, then reads pulses.
   */
  public static Edge start(EdgeSettings settings, LiveDirectory directory, Clock clock)
      throws InterruptedException {
    Parts p = new Parts();
    p.settings = settings;
    SecureRandom random = new SecureRandom();
    p.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AtomicInteger inFlight = new AtomicInteger();
    p.metrics = new EdgeMetrics(p.registry, inFlight::get);
    p.gate =
        new StorageGate(settings.maxInFlight(), settings.storageTimeout(), p.metrics, inFlight);
    p.task = TaskId.random(random);
    p.secret = readSecret(directory);
    p.internalClient =
        new InternalApiClient(
            SecretSource.fixed(p.secret), settings.internalApi().ownerTimeout(), clock);
    p.revokeCaller =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "edge-revoke");
              t.setDaemon(true);
              return t;
            });
    byte[] nonceSecret = ChallengeNonces.randomSecret(random);
    OwnerTimings timings =
        OwnerTimings.of(
            settings.shared().timings(),
            settings.checkpointIntervals(),
            settings.v2MaxSkew(),
            settings.storageTimeout());
    EdgePipeline[] built = new EdgePipeline[1];
    try {
      p.server =
          EdgeServer.start(
              settings.bindAddress(),
              settings.shared().udpPort(),
              settings.eventLoopThreads(),
              loops -> {
                int n = loops.size();
                ShardConfig config =
                    new ShardConfig(
                        directory,
                        p.task,
                        timings,
                        new LivenessRules(settings.shared().timings()),
                        p.gate,
                        p.metrics,
                        clock,
                        new RevokeOverInternalApi(p.internalClient, p.revokeCaller),
                        () -> new ChallengeNonces(nonceSecret),
                        Math.max(16, settings.maxClients() / n),
                        Math.max(16, settings.negativeCacheSize() / n),
                        settings.sourceRatePerSecond(),
                        settings.sourceBurst(),
                        settings.clientRatePerSecond(),
                        settings.clientBurst(),
                        Math.max(16, settings.trackedKeys() / n),
                        settings.takeoverRatePerSecond() / n);
                built[0] = EdgePipeline.forLoops(loops, config, settings.v1Enabled(), p.metrics);
                return built[0].initializer();
              });
      p.pipeline = built[0];
      for (int i = 0; i < p.server.channels().size(); i++) {
        p.pipeline.attach(i, p.server.channels().get(i));
      }
      RequestSigning signing = new RequestSigning(p.secret);
      p.internal =
          InternalApiServer.start(
              settings.bindAddress(),
              settings.internalApi().port(),
              new LiveOwners(p.pipeline.shards()),
              () -> signing,
              clock,
              InternalServerLimits.DEFAULTS);
      warmUp(p);
      p.heartbeat =
          new Heartbeat(
              directory, p.task, settings.internalHost(), p.internal.port(), label(), clock);
      awaitQuietly(p.heartbeat.start(p.pipeline.shards().get(0).loop()), "the first heartbeat");
      p.pipeline.startTicking();
      p.server.startReading();
      p.health =
          HealthServer.start(
              settings.bindAddress(), settings.healthPort(), p.server::isServing, p.registry);
    } catch (RuntimeException | InterruptedException e) {
      closeQuietly(p);
      throw e;
    }
    LOG.atInfo()
        .addKeyValue("event", "edge_started")
        .addKeyValue("task", p.task)
        .addKeyValue("bind_address", settings.bindAddress())
        .addKeyValue("udp_port", p.server.port())
        .addKeyValue("health_port", p.health.port())
        .addKeyValue("transport", p.server.transport())
        .addKeyValue("sockets", p.server.sockets())
        .addKeyValue("v1_enabled", settings.v1Enabled())
        .addKeyValue("max_clients", settings.maxClients())
        .log("UDP edge listening");
    return new Edge(p);
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

  /** Storage calls in flight now. */
  public int inFlight() {
    return gate.inFlight();
  }

  public TaskId task() {
    return task;
  }

  /** The clients this task owns, for the internal API server. */
  public OwnedClients ownedClients() {
    return new LiveOwners(pipeline.shards());
  }

  /** The secret that authenticates the internal API (read from the directory at start). */
  public InternalSecret internalSecret() {
    return secret;
  }

  /** (client, family) entries held now (updated every tick). */
  public int liveEntries() {
    return pipeline.liveEntries();
  }

  /**
   * Says "draining" in the heartbeat from now on, while still serving (ECS is about to stop the
   * task): readers skip it and new owners may take its clients over at once.
   */
  public void markDraining() {
    var unused = heartbeat.drain();
  }

  /** Says "draining", stops reading, drains storage calls (bounded), closes everything. */
  @Override
  public void close() {
    awaitQuietly(heartbeat.drain(), "the draining heartbeat");
    server.stopReading();
    boolean drained;
    try {
      drained = gate.awaitIdle(settings.drainTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      drained = false;
    }
    heartbeat.close();
    internal.close();
    server.close();
    health.close();
    revokeCaller.shutdownNow();
    internalClient.close();
    LOG.atInfo()
        .addKeyValue("event", "edge_stopped")
        .addKeyValue("drained", drained)
        .addKeyValue("in_flight", gate.inFlight())
        .log("UDP edge stopped");
  }

  private static void closeQuietly(Parts p) {
    if (p.heartbeat != null) {
      p.heartbeat.close();
    }
    if (p.internal != null) {
      p.internal.close();
    }
    if (p.server != null) {
      p.server.close();
    }
    if (p.revokeCaller != null) {
      p.revokeCaller.shutdownNow();
    }
    if (p.internalClient != null) {
      p.internalClient.close();
    }
  }

  /**
   * One call to its own internal API before serving: it loads both sides' classes, so that the
   * first reader's call is not slow. A failure is only logged.
   */
  private static void warmUp(Parts p) {
    try {
      p.internalClient
          .lookUp(
              new InternalEndpoint(loopbackFor(p.settings.bindAddress()), p.internal.port()),
              ClientId.fromBytes(new byte[ClientId.LENGTH_BYTES]))
          .get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.atDebug().log("internal API warm-up: {}", e.toString());
    }
  }

  private static String loopbackFor(String bindAddress) {
    return bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? "127.0.0.1" : bindAddress;
  }

  /** The port the internal API listens on. */
  public int internalPort() {
    return internal.port();
  }

  private static String label() {
    String host = System.getenv("HOSTNAME");
    return host == null || host.isBlank() ? "edge" : host;
  }

  /**
   * The first storage call of a fresh process (SDK start-up, a cold table endpoint, a loaded host)
   * can outlast one call's timeout: try again, for up to {@code START_TIMEOUT} in all.
   */
  private static InternalSecret readSecret(LiveDirectory directory) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      try {
        return await(directory.internalSecret().toCompletableFuture(), "the internal secret");
      } catch (IllegalStateException e) {
        if (System.nanoTime() - deadline > 0) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> f, String what)
      throws InterruptedException {
    try {
      return f.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not read " + what + ": " + e, e);
    }
  }

  private static void awaitQuietly(java.util.concurrent.CompletableFuture<?> f, String what) {
    try {
      f.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.atWarn()
          .addKeyValue("event", "heartbeat_failed")
          .log("could not write {}: {}", what, e.toString());
    }
  }
}
