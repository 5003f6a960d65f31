package dev.rendezvous.edge.observe;

import dev.rendezvous.core.protocol.ResponseCode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StatisticSet;

/**
 * Publishes the edge's meters to CloudWatch under the exact names the CDK alarms use: namespace
 * {@code Rendezvous}, dimension {@code Service=udp-edge}, one PutMetricData call per interval.
 * Counts are the increase over the interval; EdgeStorageLatency is a statistic set in milliseconds
 * (count, sum, min, max); EdgeInFlight is the value at publication. Only turned on in AWS ({@code
 * RENDEZVOUS_CLOUDWATCH_METRICS=true}); the task role needs {@code cloudwatch:PutMetricData}.
 */
public final class CloudWatchPublisher implements AutoCloseable {
  public static final String NAMESPACE = "Rendezvous";
  public static final String SERVICE_DIMENSION = "Service";
  public static final String SERVICE = "udp-edge";

  private static final Logger LOG = LoggerFactory.getLogger(CloudWatchPublisher.class);

  private final CloudWatchAsyncClient client;
  private final EdgeMetrics metrics;
  private final IntSupplier inFlight;
  private final Clock clock;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "cloudwatch-publisher");
            t.setDaemon(true);
            return t;
          });
  private long lastAccepted;
  private long lastPending;
  private long lastUnknown;
  private long lastDrops;
  private long lastStorageErrors;

  public CloudWatchPublisher(
      CloudWatchAsyncClient client, EdgeMetrics metrics, IntSupplier inFlight, Clock clock) {
    this.client = client;
    this.metrics = metrics;
    this.inFlight = inFlight;
    this.clock = clock;
  }

  public void start(Duration interval) {
    ScheduledFuture<?> unused =
        scheduler.scheduleAtFixedRate(
            this::publishSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void publishSafely() {
    try {
      CompletableFuture<?> unused =
          client
              .putMetricData(
                  PutMetricDataRequest.builder().namespace(NAMESPACE).metricData(collect()).build())
              .whenComplete(
                  (ok, error) -> {
                    if (error != null) {
                      LOG.atWarn()
                          .addKeyValue("event", "metrics_publish_failed")
                          .addKeyValue("error", error.getClass().getSimpleName())
                          .log("could not publish metrics to CloudWatch");
                    }
                  });
    } catch (RuntimeException e) {
      LOG.atWarn()
          .addKeyValue("event", "metrics_publish_failed")
          .addKeyValue("error", e.getClass().getSimpleName())
          .log("could not publish metrics to CloudWatch");
    }
  }

  /** The data for one interval: the increase of each count since the previous call. */
  synchronized List<MetricDatum> collect() {
    long accepted = metrics.replies(ResponseCode.ACCEPTED);
    long pending = metrics.replies(ResponseCode.PENDING);
    long unknown = metrics.replies(ResponseCode.UNKNOWN);
    long drops = metrics.allDrops();
    long storageErrors = metrics.allStorageErrors();
    List<MetricDatum> data = new ArrayList<>();
    data.add(count("EdgePulsesAccepted", accepted - lastAccepted));
    data.add(count("EdgePulsesPending", pending - lastPending));
    data.add(count("EdgePulsesUnknown", unknown - lastUnknown));
    data.add(count("EdgeDrops", drops - lastDrops));
    data.add(count("EdgeStorageErrors", storageErrors - lastStorageErrors));
    data.add(
        datum("EdgeInFlight", StandardUnit.COUNT).toBuilder()
            .value((double) inFlight.getAsInt())
            .build());
    LatencyWindow.Snapshot latency = metrics.latencyWindow().drain();
    if (latency.count() > 0) {
      data.add(
          datum("EdgeStorageLatency", StandardUnit.MILLISECONDS).toBuilder()
              .statisticValues(
                  StatisticSet.builder()
                      .sampleCount((double) latency.count())
                      .sum(latency.sumMillis())
                      .minimum(latency.minMillis())
                      .maximum(latency.maxMillis())
                      .build())
              .build());
    }
    lastAccepted = accepted;
    lastPending = pending;
    lastUnknown = unknown;
    lastDrops = drops;
    lastStorageErrors = storageErrors;
    return data;
  }

  private MetricDatum count(String name, long value) {
    return datum(name, StandardUnit.COUNT).toBuilder().value((double) value).build();
  }

  private MetricDatum datum(String name, StandardUnit unit) {
    return MetricDatum.builder()
        .metricName(name)
        .unit(unit)
        .timestamp(clock.instant())
        .dimensions(Dimension.builder().name(SERVICE_DIMENSION).value(SERVICE).build())
        .build();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    publishSafely();
  }
}
