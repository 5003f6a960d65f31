package dev.rendezvous.infra;

import static dev.rendezvous.infra.ContextReader.requireRange;

import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.infra.construct.LogRetention;
import dev.rendezvous.infra.construct.RendezvousTable;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything an operator may choose at synthesis time, read from CDK context ({@code cdk.json} or
 * {@code -c key=value}) with a default for each. Validated on construction: a bad value names its
 * context key. Nothing here is account-specific.
 *
 * @param localStack synthesize the LocalStack free-tier subset (table, functions, schedule, REST v1
 *     API) instead of the full AWS stack
 * @param region the region to pin, or empty for an environment-agnostic template
 * @param timings pulse interval, grace and error time passed to every process
 * @param functionsJar the shaded Lambda jar (relative paths resolve against the working directory)
 * @param edgeDockerDirectory the docker build context of the UDP edge (holds its Dockerfile)
 * @param tableWarmWritesPerSecond writes per second the table serves at once without adapting
 *     (DynamoDB warm throughput), or empty for DynamoDB's default of a new on-demand table (4,000)
 * @param alarmEmail the address the alarms notify; empty only when the operator said {@code
 *     alarmEmail=none}
 * @param dynamodbEndpoint a DynamoDB endpoint for the functions and the edge ({@code
 *     AWS_ENDPOINT_URL_DYNAMODB}), for {@code sam local} against a local engine; empty in AWS
 * @param edgeIpv6 serve IPv6 clients too: a dual-stack VPC and load balancer, and one target group
 *     per address family so that every client's own address reaches the edge
 * @param live the live-state settings (internal API, owner timeout, clients per task, checkpoints)
 */
public record InfraSettings(
    boolean localStack,
    Optional<String> region,
    PulseTimings timings,
    boolean v1Enabled,
    int v2MaxSkewSeconds,
    int udpPort,
    int healthPort,
    Path functionsJar,
    Path edgeDockerDirectory,
    int apiMemoryMb,
    int apiTimeoutSeconds,
    int expiryMemoryMb,
    int expiryTimeoutSeconds,
    int logRetentionDays,
    int apiRateLimitPerSecond,
    int apiBurstLimit,
    int registerRateLimitPerSecond,
    int registerBurstLimit,
    int registerPerIpPerMinute,
    int apiPerIpPerMinute,
    int originSecretGeneration,
    int edgeCpuUnits,
    int edgeMemoryMb,
    int edgeMinTasks,
    int edgeMaxTasks,
    int edgeCpuTargetPercent,
    int natGateways,
    boolean retainTable,
    Optional<Integer> tableWarmWritesPerSecond,
    Optional<String> alarmEmail,
    Optional<String> dynamodbEndpoint,
    boolean edgeIpv6,
    EdgeLiveSettings live) {

  public static final String DEFAULT_FUNCTIONS_JAR = "functions/target/rendezvous-functions.jar";
  public static final String DEFAULT_EDGE_DIRECTORY = "udp-edge";

  /** The value of {@code alarmEmail} that deploys the alarms without anyone to notify. */
  public static final String NO_ALARM_EMAIL = "none";

  static final String ALARM_EMAIL_REQUIRED =
      "context alarmEmail is required: the stack's alarms need someone to notify. Pass"
          + " -c alarmEmail=ops@example.com (the address must confirm the SNS subscription), or"
          + " -c alarmEmail="
          + NO_ALARM_EMAIL
          + " to deploy alarms that notify nobody (watch them in the CloudWatch console).";

  public InfraSettings {
    requireRange("udpPort", udpPort, 1, 65535);
    requireRange("healthPort", healthPort, 1, 65535);
    if (udpPort == healthPort) {
      throw new IllegalArgumentException("udpPort and healthPort must differ, both are " + udpPort);
    }
    requireRange("v2MaxSkewSeconds", v2MaxSkewSeconds, 1, 3600);
    // Lambda: 128 MB .. 10240 MB; API Gateway waits at most 30 s for an integration.
    requireRange("apiMemoryMb", apiMemoryMb, 128, 10240);
    requireRange("apiTimeoutSeconds", apiTimeoutSeconds, 1, 29);
    requireRange("expiryMemoryMb", expiryMemoryMb, 128, 10240);
    // The sweep runs every minute; a longer run would overlap the next one.
    requireRange("expiryTimeoutSeconds", expiryTimeoutSeconds, 1, 59);
    requireRange("apiRateLimitPerSecond", apiRateLimitPerSecond, 1, 100_000);
    requireRange("apiBurstLimit", apiBurstLimit, 1, 100_000);
    requireRange(
        "registerRateLimitPerSecond", registerRateLimitPerSecond, 1, apiRateLimitPerSecond);
    requireRange("registerBurstLimit", registerBurstLimit, 1, apiBurstLimit);
    // AWS WAF rate-based rules count at least 10 requests per window.
    requireRange("registerPerIpPerMinute", registerPerIpPerMinute, 10, 2_000_000_000);
    requireRange("apiPerIpPerMinute", apiPerIpPerMinute, registerPerIpPerMinute, 2_000_000_000);
    requireRange("originSecretGeneration", originSecretGeneration, 1, 1_000_000);
    requireRange("edgeCpuUnits", edgeCpuUnits, 256, 16384);
    requireRange("edgeMemoryMb", edgeMemoryMb, 512, 122880);
    requireRange("edgeMinTasks", edgeMinTasks, 1, 100);
    requireRange("edgeMaxTasks", edgeMaxTasks, edgeMinTasks, 100);
    requireRange("edgeCpuTargetPercent", edgeCpuTargetPercent, 10, 90);
    requireRange("natGateways", natGateways, 0, 2);
    // DynamoDB accepts warm throughput only above what a new on-demand table already has.
    tableWarmWritesPerSecond.ifPresent(
        writes ->
            requireRange(
                "tableWarmWritesPerSecond",
                writes,
                RendezvousTable.DEFAULT_WARM_WRITES_PER_SECOND,
                40_000_000));
    dynamodbEndpoint.ifPresent(
        endpoint -> {
          if (!endpoint.matches("https?://[^\\s]+")) {
            throw new IllegalArgumentException(
                "context dynamodbEndpoint must be an http(s) URL, got '" + endpoint + "'");
          }
        });
    alarmEmail.ifPresent(
        email -> {
          if (!email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalArgumentException(
                "context alarmEmail must be an email address, got '" + email + "'");
          }
        });
    LogRetention.ofDays(logRetentionDays);
    requireLiveSettingsFit(live, udpPort, healthPort, apiTimeoutSeconds, edgeMemoryMb);
  }

  /** The live-state settings must fit the ports, the API's timeout and the task's heap. */
  private static void requireLiveSettingsFit(
      EdgeLiveSettings live, int udpPort, int healthPort, int apiTimeoutSeconds, int memoryMb) {
    if (live.internalPort() == udpPort || live.internalPort() == healthPort) {
      throw new IllegalArgumentException(
          "context internalPort must differ from udpPort and healthPort, got "
              + live.internalPort());
    }
    // An owner call must leave the request time to read the directory and answer.
    requireRange("ownerTimeoutMillis", live.ownerTimeoutMillis(), 1, apiTimeoutSeconds * 500L);
    requireRange(
        "edgeMaxClientsPerTask",
        live.maxClientsPerTask(),
        16,
        EdgeLiveSettings.heapBoundEntries(memoryMb));
  }

  /** Reads every setting through {@code context} (a key to its raw value, or null when unset). */
  public static InfraSettings fromContext(Function<String, Object> context) {
    ContextReader read = new ContextReader(context);
    long interval = read.integer("pulseIntervalSeconds", PulseTimings.DEFAULTS.intervalSeconds());
    long grace = read.integer("graceSeconds", PulseTimings.defaultGraceSeconds(interval));
    long error = read.integer("errorTimeSeconds", PulseTimings.DEFAULTS.errorTimeSeconds());
    PulseTimings timings;
    try {
      timings = new PulseTimings(interval, grace, error);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "context pulseIntervalSeconds, graceSeconds, errorTimeSeconds: " + e.getMessage(), e);
    }
    boolean localStack = read.bool("localstack", false);
    return new InfraSettings(
        localStack,
        read.text("region"),
        timings,
        read.bool("v1Enabled", true),
        (int) read.integer("v2MaxSkewSeconds", 300),
        (int) read.integer("udpPort", 5024),
        (int) read.integer("healthPort", 8080),
        Path.of(read.text("functionsJar").orElse(DEFAULT_FUNCTIONS_JAR)),
        Path.of(read.text("edgeDockerDirectory").orElse(DEFAULT_EDGE_DIRECTORY)),
        (int) read.integer("apiMemoryMb", 1024),
        (int) read.integer("apiTimeoutSeconds", 10),
        (int) read.integer("expiryMemoryMb", 512),
        (int) read.integer("expiryTimeoutSeconds", 50),
        (int) read.integer("logRetentionDays", 30),
        (int) read.integer("apiRateLimitPerSecond", 1000),
        (int) read.integer("apiBurstLimit", 2000),
        (int) read.integer("registerRateLimitPerSecond", 500),
        (int) read.integer("registerBurstLimit", 1000),
        (int) read.integer("registerPerIpPerMinute", 60),
        (int) read.integer("apiPerIpPerMinute", 600),
        (int) read.integer("originSecretGeneration", 1),
        (int) read.integer("edgeCpuUnits", 512),
        (int) read.integer("edgeMemoryMb", 1024),
        (int) read.integer("edgeMinTasks", 2),
        (int) read.integer("edgeMaxTasks", 10),
        (int) read.integer("edgeCpuTargetPercent", 50),
        (int) read.integer("natGateways", 0),
        read.bool("retainTable", true),
        read.text("tableWarmWritesPerSecond")
            .map(v -> (int) read.integer("tableWarmWritesPerSecond", 0)),
        alarmEmail(read, localStack),
        read.text("dynamodbEndpoint"),
        read.bool("edgeIpv6", true),
        EdgeLiveSettings.fromContext(read));
  }

  /** The AWS stack has alarms, so the operator must name who gets them, or say nobody. */
  private static Optional<String> alarmEmail(ContextReader read, boolean localStack) {
    Optional<String> value = read.text("alarmEmail");
    if (value.isEmpty() && !localStack) {
      throw new IllegalArgumentException(ALARM_EMAIL_REQUIRED);
    }
    return value.filter(email -> !email.equalsIgnoreCase(NO_ALARM_EMAIL));
  }
}
