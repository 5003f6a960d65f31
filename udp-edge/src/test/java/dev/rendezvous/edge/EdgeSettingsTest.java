package dev.rendezvous.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rendezvous.core.InvalidSettingException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeSettingsTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    EdgeSettings s = EdgeSettings.fromEnvironment(Map.of());

    assertThat(s.shared().udpPort()).isEqualTo(5024);
    assertThat(s.v1Enabled()).isTrue();
    assertThat(s.v2MaxSkew()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.healthPort()).isEqualTo(8080);
    assertThat(s.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(s.cloudWatchMetrics()).isFalse();
  }

  @Test
  void readsTheEdgeVariables() {
    EdgeSettings s =
        EdgeSettings.fromEnvironment(
            Map.of(
                "RENDEZVOUS_V1_ENABLED", "false",
                "RENDEZVOUS_V2_MAX_SKEW_SECONDS", "30",
                "RENDEZVOUS_HEALTH_PORT", "9090",
                "RENDEZVOUS_BIND_ADDRESS", "0.0.0.0",
                "RENDEZVOUS_UDP_PORT", "6000",
                "RENDEZVOUS_EDGE_MAX_IN_FLIGHT", "10",
                "RENDEZVOUS_CLOUDWATCH_METRICS", "true"));

    assertThat(s.v1Enabled()).isFalse();
    assertThat(s.v2MaxSkew()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.healthPort()).isEqualTo(9090);
    assertThat(s.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(s.shared().udpPort()).isEqualTo(6000);
    assertThat(s.maxInFlight()).isEqualTo(10);
    assertThat(s.cloudWatchMetrics()).isTrue();
  }

  @Test
  void cloudWatchIsOnByDefaultInAnEcsTaskOnly() {
    Map<String, String> ecs = Map.of("ECS_CONTAINER_METADATA_URI_V4", "http://169.254.170.2/v4/x");

    assertThat(EdgeSettings.fromEnvironment(ecs).cloudWatchMetrics()).isTrue();
    assertThat(
            EdgeSettings.fromEnvironment(
                    Map.of(
                        "ECS_CONTAINER_METADATA_URI_V4", "http://169.254.170.2/v4/x",
                        "RENDEZVOUS_CLOUDWATCH_METRICS", "false"))
                .cloudWatchMetrics())
        .isFalse();
  }

  @Test
  void invalidValuesNameTheirVariable() {
    assertThatThrownBy(() -> EdgeSettings.fromEnvironment(Map.of("RENDEZVOUS_V1_ENABLED", "maybe")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("RENDEZVOUS_V1_ENABLED");
    assertThatThrownBy(
            () -> EdgeSettings.fromEnvironment(Map.of("RENDEZVOUS_V2_MAX_SKEW_SECONDS", "0")))
        .hasMessageContaining("RENDEZVOUS_V2_MAX_SKEW_SECONDS");
    assertThatThrownBy(() -> EdgeSettings.fromEnvironment(Map.of("RENDEZVOUS_HEALTH_PORT", "x")))
        .hasMessageContaining("RENDEZVOUS_HEALTH_PORT");
  }

  @Test
  void readsTheOwnersVariablesAndRefusesBadOnes() {
    EdgeSettings s =
        EdgeSettings.fromEnvironment(
            Map.of(
                "RENDEZVOUS_EDGE_MAX_CLIENTS", "5000",
                "RENDEZVOUS_CHECKPOINT_INTERVALS", "6",
                "RENDEZVOUS_EDGE_TAKEOVER_RATE_PER_SECOND", "250.5",
                "RENDEZVOUS_EDGE_NEGATIVE_CACHE_SIZE", "1024",
                "RENDEZVOUS_INTERNAL_HOST", "10.0.3.7",
                "RENDEZVOUS_INTERNAL_PORT", "6027"));

    assertThat(s.maxClients()).isEqualTo(5000);
    assertThat(s.checkpointIntervals()).isEqualTo(6);
    assertThat(s.takeoverRatePerSecond()).isEqualTo(250.5);
    assertThat(s.negativeCacheSize()).isEqualTo(1024);
    assertThat(s.internalHost()).isEqualTo("10.0.3.7");
    assertThat(s.internalApi().port()).isEqualTo(6027);
    assertThat(EdgeSettings.fromEnvironment(Map.of()).maxClients())
        .as("half the heap at 300 bytes each")
        .isEqualTo((int) Math.min(100_000_000, Runtime.getRuntime().maxMemory() / 600));
    for (Map<String, String> bad :
        java.util.List.of(
            Map.of("RENDEZVOUS_EDGE_MAX_CLIENTS", "3"),
            Map.of("RENDEZVOUS_CHECKPOINT_INTERVALS", "0"),
            Map.of("RENDEZVOUS_EDGE_TAKEOVER_RATE_PER_SECOND", "NaN"),
            Map.of("RENDEZVOUS_EDGE_TAKEOVER_RATE_PER_SECOND", "-1"),
            Map.of("RENDEZVOUS_EDGE_NEGATIVE_CACHE_SIZE", "2"))) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> EdgeSettings.fromEnvironment(bad))
          .as(bad.toString())
          .isInstanceOf(dev.rendezvous.core.InvalidSettingException.class)
          .hasMessageContaining(bad.keySet().iterator().next());
    }
  }

  @Test
  void everyRateAndBurstMustBeAFiniteNumberInRange() {
    for (String name :
        java.util.List.of(
            EdgeSettings.SOURCE_RATE,
            EdgeSettings.SOURCE_BURST,
            EdgeSettings.CLIENT_RATE,
            EdgeSettings.CLIENT_BURST,
            EdgeSettings.TAKEOVER_RATE)) {
      for (String bad : java.util.List.of("NaN", "Infinity", "-Infinity", "1e999", "0", "-1")) {
        assertThatThrownBy(() -> EdgeSettings.fromEnvironment(Map.of(name, bad)))
            .as(name + "=" + bad)
            .isInstanceOf(InvalidSettingException.class)
            .hasMessageContaining(name);
      }
    }
  }

  @Test
  void typedSettingsRefuseNonFiniteRatesAndBurstsToo() {
    EdgeSettings d = EdgeSettings.fromEnvironment(Map.of());
    for (double rate : new double[] {Double.NaN, Double.POSITIVE_INFINITY, 0}) {
      assertThatThrownBy(() -> withLimits(d, rate, 200, 1, 5))
          .as("source rate " + rate)
          .hasMessageContaining(EdgeSettings.SOURCE_RATE);
      assertThatThrownBy(() -> withLimits(d, 100, 200, rate, 5))
          .as("client rate " + rate)
          .hasMessageContaining(EdgeSettings.CLIENT_RATE);
    }
    for (double burst : new double[] {Double.NaN, Double.POSITIVE_INFINITY, 0.5}) {
      assertThatThrownBy(() -> withLimits(d, 100, burst, 1, 5))
          .as("source burst " + burst)
          .hasMessageContaining(EdgeSettings.SOURCE_BURST);
      assertThatThrownBy(() -> withLimits(d, 100, 200, 1, burst))
          .as("client burst " + burst)
          .hasMessageContaining(EdgeSettings.CLIENT_BURST);
    }
    assertThat(withLimits(d, 0.5, 1, 0.5, 1).sourceRatePerSecond()).isEqualTo(0.5);
  }

  private static EdgeSettings withLimits(
      EdgeSettings d,
      double sourceRate,
      double sourceBurst,
      double clientRate,
      double clientBurst) {
    return new EdgeSettings(
        d.shared(),
        d.internalApi(),
        d.internalHost(),
        d.v1Enabled(),
        d.v2MaxSkew(),
        d.healthPort(),
        d.bindAddress(),
        d.eventLoopThreads(),
        d.maxInFlight(),
        d.storageTimeout(),
        sourceRate,
        sourceBurst,
        clientRate,
        clientBurst,
        d.trackedKeys(),
        d.maxClients(),
        d.checkpointIntervals(),
        d.takeoverRatePerSecond(),
        d.negativeCacheSize(),
        d.drainTimeout(),
        d.cloudWatchMetrics());
  }
}
