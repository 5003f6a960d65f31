package dev.rendezvous.infra;

import dev.rendezvous.core.config.RendezvousSettings;
import dev.rendezvous.infra.construct.EdgeScaling;
import dev.rendezvous.infra.construct.UdpEdgeService;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables each process gets, with the names that {@link RendezvousSettings}, the
 * edge's settings and the internal API's settings parse. Lambda sets {@code AWS_REGION} itself (it
 * is reserved there); the edge gets it explicitly.
 */
public final class ServiceEnvironment {
  public static final String STORE = RendezvousSettings.STORE;
  public static final String V1_ENABLED = "RENDEZVOUS_V1_ENABLED";
  public static final String V2_MAX_SKEW = "RENDEZVOUS_V2_MAX_SKEW_SECONDS";
  public static final String HEALTH_PORT = "RENDEZVOUS_HEALTH_PORT";
  public static final String BIND_ADDRESS = "RENDEZVOUS_BIND_ADDRESS";
  public static final String DYNAMODB_ENDPOINT = "AWS_ENDPOINT_URL_DYNAMODB";
  public static final String MAX_IN_FLIGHT = "RENDEZVOUS_EDGE_MAX_IN_FLIGHT";
  public static final String INTERNAL_PORT = "RENDEZVOUS_INTERNAL_PORT";
  public static final String OWNER_TIMEOUT = "RENDEZVOUS_OWNER_TIMEOUT_MILLIS";
  public static final String MAX_CLIENTS = "RENDEZVOUS_EDGE_MAX_CLIENTS";
  public static final String CHECKPOINT_INTERVALS = "RENDEZVOUS_CHECKPOINT_INTERVALS";
  public static final String TAKEOVER_RATE = "RENDEZVOUS_EDGE_TAKEOVER_RATE_PER_SECOND";
  public static final String DRAIN_SECONDS = "RENDEZVOUS_EDGE_DRAIN_SECONDS";

  /**
   * The share of the table's warm write throughput that deferred takeovers of all edge tasks
   * together may use (a lost task or a deploy re-homes its clients at once; checkpoints,
   * registrations and PENDING writes keep the rest).
   */
  static final double TAKEOVER_SHARE_OF_TABLE_WRITES = 0.5;

  private ServiceEnvironment() {}

  /** What every process shares: the timings, the table and the store. */
  public static Map<String, String> common(InfraSettings settings, String tableName) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(RendezvousSettings.PULSE_INTERVAL, Long.toString(settings.timings().intervalSeconds()));
    env.put(RendezvousSettings.ERROR_TIME, Long.toString(settings.timings().errorTimeSeconds()));
    env.put(RendezvousSettings.GRACE, Long.toString(settings.timings().graceSeconds()));
    env.put(RendezvousSettings.TABLE, tableName);
    env.put(STORE, "dynamodb");
    env.put(OWNER_TIMEOUT, Integer.toString(settings.live().ownerTimeoutMillis()));
    settings.dynamodbEndpoint().ifPresent(endpoint -> env.put(DYNAMODB_ENDPOINT, endpoint));
    return env;
  }

  public static Map<String, String> functions(InfraSettings settings, String tableName) {
    return Map.copyOf(common(settings, tableName));
  }

  /**
   * @param tableWarmWritesPerSecond the table's warm write throughput, which bounds the takeover
   *     rate of each task
   */
  public static Map<String, String> edge(
      InfraSettings settings, String tableName, String region, int tableWarmWritesPerSecond) {
    Map<String, String> env = common(settings, tableName);
    env.put(RendezvousSettings.UDP_PORT, Integer.toString(settings.udpPort()));
    env.put(HEALTH_PORT, Integer.toString(settings.healthPort()));
    env.put(INTERNAL_PORT, Integer.toString(settings.live().internalPort()));
    // "::" is one dual-stack socket per port: IPv4 clients arrive on the task's IPv4 address,
    // IPv6 clients on its IPv6 address, and each is recorded in its own family.
    env.put(BIND_ADDRESS, settings.edgeIpv6() ? "::" : "0.0.0.0");
    env.put(V1_ENABLED, Boolean.toString(settings.v1Enabled()));
    env.put(V2_MAX_SKEW, Integer.toString(settings.v2MaxSkewSeconds()));
    env.put(MAX_IN_FLIGHT, Integer.toString(EdgeScaling.MAX_IN_FLIGHT_PER_TASK));
    env.put(MAX_CLIENTS, Integer.toString(settings.live().maxClientsPerTask()));
    env.put(CHECKPOINT_INTERVALS, Integer.toString(settings.live().checkpointIntervals()));
    env.put(
        TAKEOVER_RATE,
        Long.toString(takeoverRatePerTask(tableWarmWritesPerSecond, settings.edgeMaxTasks())));
    env.put(DRAIN_SECONDS, Integer.toString(UdpEdgeService.DRAIN_SECONDS));
    env.put("AWS_REGION", region);
    // No JAVA_TOOL_OPTIONS: the image's java command line carries the heap size and
    // -XX:+ExitOnOutOfMemoryError, and a variable set here would only add to them.
    return Map.copyOf(env);
  }

  /**
   * Deferred takeovers one task writes per second, so that all tasks at their maximum count stay
   * within {@link #TAKEOVER_SHARE_OF_TABLE_WRITES} of the table's warm write throughput.
   */
  static long takeoverRatePerTask(int tableWarmWritesPerSecond, int maxTasks) {
    return Math.max(
        1, (long) (tableWarmWritesPerSecond * TAKEOVER_SHARE_OF_TABLE_WRITES / maxTasks));
  }
}
