package dev.rendezvous.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rendezvous.core.InvalidSettingException;
import dev.rendezvous.core.timing.PulseTimings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RendezvousSettingsTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    RendezvousSettings s = RendezvousSettings.defaults();
    assertThat(s.timings().intervalSeconds()).isEqualTo(30);
    assertThat(s.timings().errorTimeSeconds()).isEqualTo(180);
    assertThat(s.timings().graceSeconds()).isEqualTo(5);
    assertThat(s.udpPort()).isEqualTo(5024);
    assertThat(s.httpPort()).isEqualTo(5025);
    assertThat(s.tableName()).isEqualTo("rendezvous-clients");
    assertThat(s.store()).isEqualTo(StoreKind.DYNAMODB);
  }

  @Test
  void testTimingsOfTwoAndFourSecondsWork() {
    RendezvousSettings s =
        RendezvousSettings.fromEnvironment(
            Map.of(
                "RENDEZVOUS_PULSE_INTERVAL_SECONDS", "2",
                "RENDEZVOUS_ERROR_TIME_SECONDS", "4",
                "RENDEZVOUS_STORE", "memory",
                "RENDEZVOUS_TABLE", "t1-x"));
    assertThat(s.timings().intervalSeconds()).isEqualTo(2);
    assertThat(s.timings().graceSeconds()).isEqualTo(2);
    assertThat(s.store()).isEqualTo(StoreKind.MEMORY);
    assertThat(s.tableName()).isEqualTo("t1-x");
  }

  @Test
  void badValuesNameTheirVariable() {
    assertThatThrownBy(
            () -> RendezvousSettings.fromEnvironment(Map.of("RENDEZVOUS_UDP_PORT", "seventy")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("RENDEZVOUS_UDP_PORT");
    assertThatThrownBy(
            () -> RendezvousSettings.fromEnvironment(Map.of("RENDEZVOUS_UDP_PORT", "70000")))
        .hasMessageContaining("RENDEZVOUS_UDP_PORT");
    assertThatThrownBy(() -> RendezvousSettings.fromEnvironment(Map.of("RENDEZVOUS_STORE", "s3")))
        .hasMessageContaining("RENDEZVOUS_STORE");
    assertThatThrownBy(
            () -> RendezvousSettings.fromEnvironment(Map.of("RENDEZVOUS_ERROR_TIME_SECONDS", "1")))
        .hasMessageContaining("RENDEZVOUS_ERROR_TIME_SECONDS");
    assertThatThrownBy(() -> RendezvousSettings.fromEnvironment(Map.of("RENDEZVOUS_TABLE", "a b")))
        .hasMessageContaining("RENDEZVOUS_TABLE");
  }

  @Test
  void typedValuesTakeTheSameDefaultsAndChecks() {
    assertThat(RendezvousSettings.builder().build()).isEqualTo(RendezvousSettings.defaults());
    RendezvousSettings s =
        RendezvousSettings.builder()
            .pulseIntervalSeconds(3L)
            .errorTimeSeconds(9L)
            .table(" t-1 ")
            .store(" Memory ")
            .build();
    assertThat(s.timings()).isEqualTo(new PulseTimings(3, 3, 9));
    assertThat(s.tableName()).isEqualTo("t-1");
    assertThat(s.store()).isEqualTo(StoreKind.MEMORY);
    assertThatThrownBy(() -> RendezvousSettings.builder().pulseIntervalSeconds(0L).build())
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("RENDEZVOUS_PULSE_INTERVAL_SECONDS");
    assertThatThrownBy(() -> RendezvousSettings.builder().httpPort(65536L).build())
        .hasMessageContaining("RENDEZVOUS_HTTP_PORT");
    assertThatThrownBy(() -> RendezvousSettings.builder().graceSeconds(-1L).build())
        .hasMessageContaining("RENDEZVOUS_GRACE_SECONDS");
    assertThatThrownBy(() -> RendezvousSettings.builder().store("sqlite").build())
        .hasMessageContaining("RENDEZVOUS_STORE");
  }

  @Test
  void blankVariablesAreUnset() {
    assertThat(
            RendezvousSettings.fromEnvironment(
                Map.of(
                    "RENDEZVOUS_TABLE",
                    " ",
                    "RENDEZVOUS_STORE",
                    "",
                    "RENDEZVOUS_GRACE_SECONDS",
                    "")))
        .isEqualTo(RendezvousSettings.defaults());
  }
}
