package dev.rendezvous.edge.observe;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;

/**
 * Publishes the edge's meters to CloudWatch under the exact names the CDK alarms use: namespace
 * {@code Rendezvous}, dimension {@code Service=udp-edge}, one PutMetricData call per interval.
 * Counts are the increase over the interval; EdgeStorageLatency is a bucketed histogram in
 * milliseconds (Values/Counts, so percentiles work); EdgeInFlight is the value at publication. Only
 * turned on in AWS ({@code RENDEZVOUS_CLOUDWATCH_METRICS=true}); the task role needs {@code
 * cloudwatch:PutMetricData}.
 */
public final class CloudWatchPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CloudWatchPublisher.class);

  private final CloudWatchAsyncClient client;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "cloudwatch-publisher");
            t.setDaemon(true);
            return t;
          });
  private final CloudWatchMetricData data;

  public CloudWatchPublisher(
      CloudWatchAsyncClient client, EdgeMetrics metrics, IntSupplier inFlight, Clock clock) {
    this.client = client;
    this.data = new CloudWatchMetricData(metrics, inFlight, clock);
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
                  PutMetricDataRequest.builder()
                      .namespace(CloudWatchMetricData.NAMESPACE)
                      .metricData(data.collect())
                      .build())
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

  @Override
  public void close() {
    scheduler.shutdownNow();
    publishSafely();
  }
}
