package dev.rendezvous.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Context parsing and validation; no synthesis. */
class InfraSettingsTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    InfraSettings settings =
        InfraSettings.fromContext(Map.<String, Object>of("alarmEmail", "none")::get);
    assertThat(settings.localStack()).isFalse();
    assertThat(settings.region()).isEmpty();
    assertThat(settings.timings().intervalSeconds()).isEqualTo(30);
    assertThat(settings.timings().errorTimeSeconds()).isEqualTo(180);
    assertThat(settings.timings().graceSeconds()).isEqualTo(5);
    assertThat(settings.udpPort()).isEqualTo(5024);
    assertThat(settings.healthPort()).isEqualTo(8080);
    assertThat(settings.functionsJar())
        .isEqualTo(Path.of("functions/target/rendezvous-functions.jar"));
    assertThat(settings.edgeDockerDirectory()).isEqualTo(Path.of("udp-edge"));
    assertThat(settings.retainTable()).isTrue();
    assertThat(settings.dynamodbEndpoint()).isEmpty();
    assertThat(settings.alarmEmail()).isEmpty();
    assertThat(settings.edgeMaxTasks()).isEqualTo(10);
    assertThat(settings.edgeCpuTargetPercent()).isEqualTo(50);
    assertThat(settings.tableWarmWritesPerSecond()).isEmpty();
    assertThat(settings.edgeIpv6()).isTrue();
    assertThat(settings.live()).isEqualTo(new EdgeLiveSettings(5027, 250, 100_000, 10));
  }

  @Test
  void liveStateSettingsMustFitThePortsTheApiTimeoutAndTheTasksHeap() {
    assertRejected(Map.of("internalPort", "5024"), "internalPort must differ");
    assertRejected(Map.of("internalPort", "8080"), "internalPort must differ");
    // Half of the API function's 10 s.
    assertRejected(Map.of("ownerTimeoutMillis", "5001"), "ownerTimeoutMillis must be 1..5000");
    assertRejected(Map.of("checkpointIntervals", "0"), "checkpointIntervals must be 1..1000");
    // 1 GB task: 768 MB heap, half of it at 300 bytes per entry.
    assertThat(EdgeLiveSettings.heapBoundEntries(1024)).isEqualTo(1_342_177);
    assertRejected(
        Map.of("edgeMaxClientsPerTask", "1342178"), "edgeMaxClientsPerTask must be 16..1342177");
    assertThat(
            InfraSettings.fromContext(
                    Map.<String, Object>of(
                            "alarmEmail", "none",
                            "edgeMemoryMb", "2048",
                            "edgeMaxClientsPerTask", "2000000")
                        ::get)
                .live()
                .maxClientsPerTask())
        .isEqualTo(2_000_000);
    assertRejected(Map.of("edgeIpv6", "maybe"), "edgeIpv6 must be true or false");
  }

  @Test
  void eachTasksTakeoverRateKeepsAllTasksWithinHalfTheTablesWarmWrites() {
    assertThat(ServiceEnvironment.takeoverRatePerTask(4_000, 10)).isEqualTo(200);
    assertThat(ServiceEnvironment.takeoverRatePerTask(12_000, 9)).isEqualTo(666);
    assertThat(ServiceEnvironment.takeoverRatePerTask(4_000, 100) * 100).isLessThanOrEqualTo(2_000);
    assertThat(ServiceEnvironment.takeoverRatePerTask(10, 100)).isEqualTo(1);
  }

  @Test
  void theAwsStackNeedsAnAlarmRecipientOrAnExplicitNone() {
    assertThatThrownBy(() -> InfraSettings.fromContext(Map.<String, Object>of()::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("context alarmEmail is required")
        .hasMessageContaining("-c alarmEmail=ops@example.com")
        .hasMessageContaining("-c alarmEmail=none");
    assertThat(
            InfraSettings.fromContext(Map.<String, Object>of("alarmEmail", "ops@example.com")::get)
                .alarmEmail())
        .contains("ops@example.com");
    assertThat(
            InfraSettings.fromContext(Map.<String, Object>of("alarmEmail", "NONE")::get)
                .alarmEmail())
        .isEmpty();
    // The LocalStack stack has no alarms.
    assertThat(
            InfraSettings.fromContext(Map.<String, Object>of("localstack", "true")::get)
                .alarmEmail())
        .isEmpty();
  }

  @Test
  void commandLineContextArrivesAsStrings() {
    Map<String, Object> context = new HashMap<>();
    context.put("localstack", "true");
    context.put("region", "eu-central-1");
    context.put("pulseIntervalSeconds", "2");
    context.put("graceSeconds", "1");
    context.put("errorTimeSeconds", "4");
    context.put("edgeMaxTasks", "10");
    context.put("dynamodbEndpoint", "http://host.docker.internal:8000");
    InfraSettings settings = InfraSettings.fromContext(context::get);
    assertThat(settings.localStack()).isTrue();
    assertThat(settings.region()).contains("eu-central-1");
    assertThat(settings.timings().intervalSeconds()).isEqualTo(2);
    assertThat(settings.timings().errorTimeSeconds()).isEqualTo(4);
    assertThat(settings.edgeMaxTasks()).isEqualTo(10);
    assertThat(ServiceEnvironment.functions(settings, "t-1"))
        .containsEntry("AWS_ENDPOINT_URL_DYNAMODB", "http://host.docker.internal:8000")
        .containsEntry("RENDEZVOUS_PULSE_INTERVAL_SECONDS", "2")
        .containsEntry("RENDEZVOUS_TABLE", "t-1");
  }

  @Test
  void cdkJsonContextArrivesTyped() {
    Map<String, Object> context =
        Map.of("retainTable", false, "apiMemoryMb", 2048, "alarmEmail", "none");
    InfraSettings settings = InfraSettings.fromContext(context::get);
    assertThat(settings.retainTable()).isFalse();
    assertThat(settings.apiMemoryMb()).isEqualTo(2048);
  }

  @Test
  void graceDefaultsToNoMoreThanTheInterval() {
    InfraSettings settings =
        InfraSettings.fromContext(
            Map.<String, Object>of(
                    "pulseIntervalSeconds", "2", "errorTimeSeconds", "4", "alarmEmail", "none")
                ::get);
    assertThat(settings.timings().graceSeconds()).isEqualTo(2);
  }

  @Test
  void badValuesNameTheirKey() {
    assertRejected(Map.of("udpPort", "x"), "udpPort must be a whole number");
    assertRejected(Map.of("localstack", "yes"), "localstack must be true or false");
    assertRejected(Map.of("apiTimeoutSeconds", "30"), "apiTimeoutSeconds must be 1..29");
    assertRejected(Map.of("expiryTimeoutSeconds", "60"), "expiryTimeoutSeconds must be 1..59");
    assertRejected(Map.of("edgeMinTasks", "3", "edgeMaxTasks", "2"), "edgeMaxTasks must be 3..");
    assertRejected(Map.of("healthPort", "5024"), "udpPort and healthPort must differ");
    assertRejected(Map.of("logRetentionDays", "10"), "log retention must be one of");
    assertRejected(Map.of("errorTimeSeconds", "5"), "errorTimeSeconds");
    assertRejected(Map.of("dynamodbEndpoint", "localhost:8000"), "dynamodbEndpoint");
    assertRejected(Map.of("alarmEmail", "nobody"), "alarmEmail");
    assertRejected(Map.of("natGateways", "3"), "natGateways must be 0..2");
    assertRejected(
        Map.of("tableWarmWritesPerSecond", "100"), "tableWarmWritesPerSecond must be 4000..");
  }

  @Test
  void emptyValuesMeanTheDefault() {
    InfraSettings settings =
        InfraSettings.fromContext(
            Map.<String, Object>of("region", " ", "udpPort", "", "alarmEmail", "none")::get);
    assertThat(settings.region()).isEqualTo(Optional.empty());
    assertThat(settings.udpPort()).isEqualTo(5024);
  }

  private static void assertRejected(Map<String, Object> given, String message) {
    Map<String, Object> context = new HashMap<>(given);
    context.putIfAbsent("alarmEmail", "none");
    assertThatThrownBy(() -> InfraSettings.fromContext(context::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
