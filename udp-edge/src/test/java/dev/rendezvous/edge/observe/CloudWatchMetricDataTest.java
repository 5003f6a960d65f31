package dev.rendezvous.edge.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.protocol.ResponseCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

class CloudWatchMetricDataTest {
  private final EdgeMetrics metrics = new EdgeMetrics(new SimpleMeterRegistry(), () -> 7);
  private final CloudWatchMetricData data =
      new CloudWatchMetricData(
          metrics, () -> 7, Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC));

  private static Map<String, MetricDatum> byName(List<MetricDatum> data) {
    return data.stream().collect(Collectors.toMap(MetricDatum::metricName, d -> d));
  }

  @Test
  void usesTheAlarmNamesWithTheServiceDimension() {
    metrics.liveClients(() -> 1234);
    metrics.replied(ResponseCode.ACCEPTED);
    metrics.storageCall(2_000_000);

    Map<String, MetricDatum> out = byName(data.collect());

    assertThat(out)
        .containsOnlyKeys(
            "EdgePulsesAccepted",
            "EdgePulsesPending",
            "EdgePulsesUnknown",
            "EdgeDrops",
            "EdgeStorageErrors",
            "EdgeInFlight",
            "EdgeOwnedClients",
            "EdgeStorageLatency");
    assertThat(out.values())
        .allSatisfy(
            d ->
                assertThat(d.dimensions())
                    .containsExactly(
                        Dimension.builder().name("Service").value("udp-edge").build()));
    assertThat(CloudWatchMetricData.NAMESPACE).isEqualTo("Rendezvous");
    assertThat(out.get("EdgeStorageLatency").unit()).isEqualTo(StandardUnit.MILLISECONDS);
    assertThat(out.get("EdgeStorageLatency").values()).containsExactly(2.0);
    assertThat(out.get("EdgeStorageLatency").counts()).containsExactly(1.0);
    assertThat(out.get("EdgeInFlight").value()).isEqualTo(7.0);
    assertThat(out.get("EdgeOwnedClients").value()).isEqualTo(1234.0);
  }

  @Test
  void countsAreTheIncreaseOverEachInterval() {
    metrics.replied(ResponseCode.ACCEPTED);
    metrics.replied(ResponseCode.ACCEPTED);
    metrics.dropped(DropReason.MALFORMED);
    metrics.dropped(DropReason.STORAGE_TIMEOUT);
    Map<String, MetricDatum> first = byName(data.collect());

    metrics.replied(ResponseCode.ACCEPTED);
    Map<String, MetricDatum> second = byName(data.collect());

    assertThat(first.get("EdgePulsesAccepted").value()).isEqualTo(2.0);
    assertThat(first.get("EdgeDrops").value()).isEqualTo(2.0);
    assertThat(first.get("EdgeStorageErrors").value()).isEqualTo(1.0);
    assertThat(second.get("EdgePulsesAccepted").value()).isEqualTo(1.0);
    assertThat(second.get("EdgeDrops").value()).isZero();
    assertThat(second).doesNotContainKey("EdgeStorageLatency");
  }
}
