package dev.rendezvous.edge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In an ECS task, ECS deregisters the task from the load balancer and waits the deregistration
 * delay before it sends SIGTERM; the NLB moves the task's flows meanwhile. This watcher polls the
 * task metadata endpoint ({@code ECS_CONTAINER_METADATA_URI_V4}{@code /task}) every few seconds on
 * its own thread and, as soon as the task's {@code DesiredStatus} is {@code STOPPED}, calls {@code
 * onStopping} once (the edge then says "draining" in its heartbeat and keeps answering pulses), so
 * new owners may take its clients over without waiting for it.
 */
final class EcsStopWatcher implements AutoCloseable {
  static final String METADATA_VARIABLE = "ECS_CONTAINER_METADATA_URI_V4";
  private static final Logger LOG = LoggerFactory.getLogger(EcsStopWatcher.class);
  private static final Pattern STOPPED = Pattern.compile("\"DesiredStatus\"\\s*:\\s*\"STOPPED\"");

  private final ScheduledExecutorService poller;
  private final AtomicBoolean fired = new AtomicBoolean();

  private EcsStopWatcher(ScheduledExecutorService poller) {
    this.poller = poller;
  }

  /** Starts polling {@code metadataUri + "/task"} every {@code period}. */
  static EcsStopWatcher start(String metadataUri, Duration period, Runnable onStopping) {
    ScheduledExecutorService poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ecs-stop-watcher");
              t.setDaemon(true);
              return t;
            });
    EcsStopWatcher watcher = new EcsStopWatcher(poller);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(metadataUri + "/task"))
            .timeout(Duration.ofSeconds(2))
            .build();
    var unused =
        poller.scheduleWithFixedDelay(
            () -> watcher.poll(http, request, onStopping),
            0,
            period.toMillis(),
            TimeUnit.MILLISECONDS);
    return watcher;
  }

  private void poll(HttpClient http, HttpRequest request, Runnable onStopping) {
    if (fired.get()) {
      return;
    }
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200
          && STOPPED.matcher(r.body()).find()
          && fired.compareAndSet(false, true)) {
        LOG.atInfo()
            .addKeyValue("event", "task_stopping")
            .log("ECS is stopping this task: the heartbeat says draining from now on");
        onStopping.run();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) { // the endpoint may be briefly unavailable: try again next period
      LOG.atDebug().log("task metadata not read: {}", e.toString());
    }
  }

  /** True once the stop was seen. */
  boolean fired() {
    return fired.get();
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
