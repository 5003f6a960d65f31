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
}
