package dev.rendezvous.edge.observe;

import dev.rendezvous.protocol.ResponseCode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Turns the edge's meters into CloudWatch data with the names the CDK alarms use: namespace {@code
 * Rendezvous}, dimension {@code Service=udp-edge}; EdgePulsesAccepted, EdgePulsesPending,
 * EdgePulsesUnknown, EdgeDrops (all reasons), EdgeStorageErrors (counts over the interval),
 * EdgeInFlight and EdgeOwnedClients (values now: the (client, family) entries the task holds, to
 * scale out before RENDEZVOUS_EDGE_MAX_CLIENTS), EdgeStorageLatency (milliseconds, as Values/Counts
 * of a bucketed histogram, so that CloudWatch can give p50/p99).
 */
public final class CloudWatchMetricData {
  public static final String NAMESPACE = "Rendezvous";
  public static final String SERVICE_DIMENSION = "Service";
  public static final String SERVICE = "udp-edge";

  private final EdgeMetrics metrics;
  private final IntSupplier inFlight;
  private final Clock clock;
  private long lastAccepted;
  private long lastPending;
  private long lastUnknown;
  private long lastDrops;
  private long lastStorageErrors;

  public CloudWatchMetricData(EdgeMetrics metrics, IntSupplier inFlight, Clock clock) {
    this.metrics = metrics;
    this.inFlight = inFlight;
    this.clock = clock;
  }

  /** The data for one interval: the increase of each count since the previous call. */
  public synchronized List<MetricDatum> collect() {
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
    data.add(
        datum("EdgeOwnedClients", StandardUnit.COUNT).toBuilder()
            .value((double) metrics.liveClientsNow())
            .build());
    LatencyWindow.Snapshot latency = metrics.latencyWindow().drain();
    if (latency.count() > 0) {
      data.add(
          datum("EdgeStorageLatency", StandardUnit.MILLISECONDS).toBuilder()
              .values(latency.valuesMillis())
              .counts(latency.counts())
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
}
