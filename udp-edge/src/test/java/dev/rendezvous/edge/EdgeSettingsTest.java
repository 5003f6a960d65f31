package dev.rendezvous.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rendezvous.core.InvalidSettingException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EdgeSettingsTest {

  @Test
  void defaultsFollowTheSpec() {
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

  @ParameterizedTest
  @CsvSource({
    "RENDEZVOUS_EDGE_SOURCE_RATE_PER_SECOND, NaN",
    "RENDEZVOUS_EDGE_SOURCE_RATE_PER_SECOND, Infinity",
    "RENDEZVOUS_EDGE_SOURCE_BURST, NaN",
    "RENDEZVOUS_EDGE_SOURCE_BURST, 1e400",
    "RENDEZVOUS_EDGE_CLIENT_RATE_PER_SECOND, -Infinity",
    "RENDEZVOUS_EDGE_CLIENT_RATE_PER_SECOND, NaN",
    "RENDEZVOUS_EDGE_CLIENT_BURST, NaN",
    "RENDEZVOUS_EDGE_CLIENT_BURST, Infinity",
    "RENDEZVOUS_EDGE_CLIENT_BURST, 5d",
  })
  void nonFiniteRatesAndBurstsAreRefusedByName(String variable, String value) {
    assertThatThrownBy(() -> EdgeSettings.fromEnvironment(Map.of(variable, value)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining(variable)
        .hasMessageContaining(value);
  }

  @Test
  void nonFiniteRatesAreRefusedWhenBuiltFromTypedValues() {
    EdgeSettings valid = EdgeSettings.fromEnvironment(Map.of());
    assertThatThrownBy(
            () ->
                new EdgeSettings(
                    valid.shared(),
                    valid.v1Enabled(),
                    valid.v2MaxSkew(),
                    valid.healthPort(),
                    valid.bindAddress(),
                    valid.eventLoopThreads(),
                    valid.maxInFlight(),
                    valid.storageTimeout(),
                    Double.NaN,
                    valid.sourceBurst(),
                    valid.clientRatePerSecond(),
                    Double.POSITIVE_INFINITY,
                    valid.trackedKeys(),
                    valid.keyCacheSize(),
                    valid.drainTimeout(),
                    valid.cloudWatchMetrics()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("RENDEZVOUS_EDGE_SOURCE_RATE_PER_SECOND");
  }
}
