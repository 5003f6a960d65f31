package dev.rendezvous.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rendezvous.core.InvalidSettingException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InternalApiSettingsTest {
  @Test
  void defaultsAreTheDesignsOnes() {
    InternalApiSettings s = InternalApiSettings.fromEnvironment(Map.of());
    assertThat(s.port()).isEqualTo(5027);
    assertThat(s.ownerTimeout()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void readsBothVariables() {
    InternalApiSettings s =
        InternalApiSettings.fromEnvironment(
            Map.of("RENDEZVOUS_INTERNAL_PORT", "6127", "RENDEZVOUS_OWNER_TIMEOUT_MILLIS", "40"));
    assertThat(s.port()).isEqualTo(6127);
    assertThat(s.ownerTimeout()).isEqualTo(Duration.ofMillis(40));
  }

  @Test
  void badValuesNameTheirVariable() {
    for (Map<String, String> env :
        List.of(
            Map.of("RENDEZVOUS_INTERNAL_PORT", "65536"),
            Map.of("RENDEZVOUS_INTERNAL_PORT", "-1"),
            Map.of("RENDEZVOUS_INTERNAL_PORT", "http"))) {
      assertThatThrownBy(() -> InternalApiSettings.fromEnvironment(env))
          .isInstanceOf(InvalidSettingException.class)
          .hasMessageContaining("RENDEZVOUS_INTERNAL_PORT");
    }
    for (String bad : new String[] {"0", "10001", "1.5", "-3"}) {
      assertThatThrownBy(
              () ->
                  InternalApiSettings.fromEnvironment(
                      Map.of("RENDEZVOUS_OWNER_TIMEOUT_MILLIS", bad)))
          .isInstanceOf(InvalidSettingException.class)
          .hasMessageContaining("RENDEZVOUS_OWNER_TIMEOUT_MILLIS");
    }
  }
}
