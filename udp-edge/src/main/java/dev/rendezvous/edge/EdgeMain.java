package dev.rendezvous.edge;

import dev.rendezvous.core.config.StoreKind;
import dev.rendezvous.core.directory.LiveDirectory;
import dev.rendezvous.core.directory.memory.InMemoryDirectory;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.edge.observe.CloudWatchPublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

/**
 * Starts the edge from the environment (see udp-edge/README.md for every variable) and stops it
 * gracefully on SIGTERM: the health check turns 503, reading stops, in-flight pulses drain, then
 * the sockets and the storage client close.
 */
public final class EdgeMain {
  private static final Logger LOG = LoggerFactory.getLogger(EdgeMain.class);

  private EdgeMain() {}

  public static void main(String[] args) throws InterruptedException {
    try {
      run(System.getenv());
    } catch (RuntimeException | InterruptedException e) {
      LOG.atError()
          .addKeyValue("event", "start_failed")
          .addKeyValue("error", e.getClass().getSimpleName())
          .log("the edge could not start: {}", e.getMessage());
      System.exit(1);
    }
  }

  private static void run(Map<String, String> env) throws InterruptedException {
    EdgeSettings settings = EdgeSettings.fromEnvironment(env);
    Clock clock = Clock.systemUTC();
    List<AutoCloseable> resources = new ArrayList<>();
    LiveDirectory directory = directory(settings, env, clock, resources);
    Edge edge = Edge.start(settings, directory, clock);
    resources.add(0, edge);
    if (settings.cloudWatchMetrics()) {
      CloudWatchAsyncClient cloudWatch = CloudWatchAsyncClient.create();
      CloudWatchPublisher publisher =
          new CloudWatchPublisher(cloudWatch, edge.metrics(), edge::inFlight, clock);
      publisher.start(Duration.ofSeconds(60));
      resources.add(1, publisher);
      resources.add(cloudWatch);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  closeAll(resources);
                  stopped.countDown();
                },
                "edge-shutdown"));
    stopped.await();
  }

  private static LiveDirectory directory(
      EdgeSettings settings, Map<String, String> env, Clock clock, List<AutoCloseable> resources) {
    LivenessRules rules = new LivenessRules(settings.shared().timings());
    if (settings.shared().store() == StoreKind.MEMORY) {
      LOG.atWarn()
          .addKeyValue("event", "memory_store")
          .log(
              "RENDEZVOUS_STORE=memory: the directory is an in-process map that KEEPS NOTHING and"
                  + " is shared with no other process. Use it only to measure the edge's own speed.");
      return new InMemoryDirectory(rules, clock).live();
    }
    return DynamoDirectories.create(settings, env, clock, resources);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.atWarn()
            .addKeyValue("event", "close_failed")
            .addKeyValue("error", e.getClass().getSimpleName())
            .log("could not close a resource during shutdown");
      }
    }
  }
}
