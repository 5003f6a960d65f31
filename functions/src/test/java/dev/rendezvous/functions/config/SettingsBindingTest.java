package dev.rendezvous.functions.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rendezvous.core.config.RendezvousSettings;
import dev.rendezvous.core.config.StoreKind;
import dev.rendezvous.core.directory.memory.InMemoryDirectory;
import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.core.timing.PulseTimings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.MapPropertySource;
import io.micronaut.context.env.PropertySource;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The documented environment variables bind, with their documented defaults, and are validated. */
class SettingsBindingTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    try (ApplicationContext context = start(Map.of("RENDEZVOUS_STORE", "memory"))) {
      RendezvousSettings settings = context.getBean(RendezvousSettings.class);
      assertThat(settings.timings()).isEqualTo(PulseTimings.DEFAULTS);
      assertThat(settings.udpPort()).isEqualTo(5024);
      assertThat(settings.httpPort()).isEqualTo(5025);
      assertThat(settings.tableName()).isEqualTo("rendezvous-clients");
    }
  }

  @Test
  void environmentVariableNamesBind() {
    try (ApplicationContext context =
        start(
            Map.of(
                "RENDEZVOUS_PULSE_INTERVAL_SECONDS", "2",
                "RENDEZVOUS_ERROR_TIME_SECONDS", "4",
                "RENDEZVOUS_GRACE_SECONDS", "1",
                "RENDEZVOUS_TABLE", "clients-test",
                "RENDEZVOUS_HTTP_PORT", "6025",
                "RENDEZVOUS_STORE", "MEMORY"))) {
      RendezvousSettings settings = context.getBean(RendezvousSettings.class);
      assertThat(settings.timings()).isEqualTo(new PulseTimings(2, 1, 4));
      assertThat(settings.tableName()).isEqualTo("clients-test");
      assertThat(settings.httpPort()).isEqualTo(6025);
      assertThat(settings.store()).isEqualTo(StoreKind.MEMORY);
      assertThat(context.getBean(ClientRegistry.class)).isInstanceOf(InMemoryDirectory.class);
      assertThat(context.findBean(DynamoDbClient.class)).isEmpty();
    }
  }

  @Test
  void theGraceNeverExceedsAShortInterval() {
    try (ApplicationContext context =
        start(Map.of("RENDEZVOUS_STORE", "memory", "RENDEZVOUS_PULSE_INTERVAL_SECONDS", "2"))) {
      assertThat(context.getBean(RendezvousSettings.class).timings().graceSeconds()).isEqualTo(2);
    }
  }

  @Test
  void theDynamoDbClientIsBuiltOncePerContainer() {
    try (ApplicationContext context =
        start(
            Map.of("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9"))) {
      assertThat(context.getBean(DynamoDbClient.class))
          .isSameAs(context.getBean(DynamoDbClient.class));
      assertThat(context.getBean(DynamoDbClient.class).serviceClientConfiguration().region().id())
          .isEqualTo("eu-west-1");
    }
  }

  @Test
  void aValueOutOfRangeStopsTheStartWithItsVariable() {
    assertThatThrownBy(
            () ->
                start(
                        Map.of(
                            "RENDEZVOUS_STORE", "memory", "RENDEZVOUS_PULSE_INTERVAL_SECONDS", "0"))
                    .close())
        .hasStackTraceContaining("RENDEZVOUS_PULSE_INTERVAL_SECONDS")
        .hasStackTraceContaining("pulse interval must be at least 1 s");
    assertThatThrownBy(() -> start(Map.of("RENDEZVOUS_STORE", "sqlite")).close())
        .hasStackTraceContaining("RENDEZVOUS_STORE must be dynamodb or memory, got 'sqlite'");
    assertThatThrownBy(
            () -> start(Map.of("RENDEZVOUS_STORE", "memory", "RENDEZVOUS_TABLE", "x")).close())
        .hasStackTraceContaining("RENDEZVOUS_TABLE must be 3-255 characters");
    assertThatThrownBy(
            () ->
                start(Map.of("RENDEZVOUS_STORE", "memory", "RENDEZVOUS_HTTP_PORT", "70000"))
                    .close())
        .hasStackTraceContaining("RENDEZVOUS_HTTP_PORT must be 0..65535, got 70000");
  }

  @Test
  void valuesThatDoNotFitTogetherAreNamedByCore() {
    assertThatThrownBy(
            () ->
                start(
                        Map.of(
                            "RENDEZVOUS_STORE", "memory",
                            "RENDEZVOUS_ERROR_TIME_SECONDS", "3",
                            "RENDEZVOUS_GRACE_SECONDS", "5"))
                    .close())
        .hasStackTraceContaining(RendezvousSettings.ERROR_TIME);
  }

  /** A map read with the naming convention of environment variables, like the real ones. */
  private static final class EnvironmentVariables extends MapPropertySource {
    EnvironmentVariables(Map<String, Object> variables) {
      super("test-environment", variables);
    }

    @Override
    public PropertySource.PropertyConvention getConvention() {
      return PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE;
    }
  }

  private static ApplicationContext start(Map<String, Object> environmentVariables) {
    return new LambdaApplicationContextBuilder()
        .environments(Environment.TEST)
        .deduceEnvironment(false)
        .propertySources(new EnvironmentVariables(environmentVariables))
        .build()
        .start();
  }
}
