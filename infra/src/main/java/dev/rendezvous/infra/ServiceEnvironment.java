package dev.rendezvous.infra;

import dev.rendezvous.core.config.RendezvousSettings;
import dev.rendezvous.infra.construct.EdgeScaling;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables each process gets, with the SPEC names that {@link RendezvousSettings}
 * and the edge parse. Lambda sets {@code AWS_REGION} itself (it is reserved there); the edge gets
 * it explicitly.
 */
public final class ServiceEnvironment {
  public static final String STORE = RendezvousSettings.STORE;
  public static final String V1_ENABLED = "RENDEZVOUS_V1_ENABLED";
  public static final String V2_MAX_SKEW = "RENDEZVOUS_V2_MAX_SKEW_SECONDS";
  public static final String HEALTH_PORT = "RENDEZVOUS_HEALTH_PORT";
  public static final String BIND_ADDRESS = "RENDEZVOUS_BIND_ADDRESS";
  public static final String DYNAMODB_ENDPOINT = "AWS_ENDPOINT_URL_DYNAMODB";
  public static final String MAX_IN_FLIGHT = "RENDEZVOUS_EDGE_MAX_IN_FLIGHT";

  private ServiceEnvironment() {}

  /** What every process shares: the timings, the table and the store. */
  public static Map<String, String> common(InfraSettings settings, String tableName) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(RendezvousSettings.PULSE_INTERVAL, Long.toString(settings.timings().intervalSeconds()));
    env.put(RendezvousSettings.ERROR_TIME, Long.toString(settings.timings().errorTimeSeconds()));
    env.put(RendezvousSettings.GRACE, Long.toString(settings.timings().graceSeconds()));
    env.put(RendezvousSettings.TABLE, tableName);
    env.put(STORE, "dynamodb");
    settings.dynamodbEndpoint().ifPresent(endpoint -> env.put(DYNAMODB_ENDPOINT, endpoint));
    return env;
  }

  public static Map<String, String> functions(InfraSettings settings, String tableName) {
    return Map.copyOf(common(settings, tableName));
  }

  public static Map<String, String> edge(InfraSettings settings, String tableName, String region) {
    Map<String, String> env = common(settings, tableName);
    env.put(RendezvousSettings.UDP_PORT, Integer.toString(settings.udpPort()));
    env.put(HEALTH_PORT, Integer.toString(settings.healthPort()));
    env.put(BIND_ADDRESS, "0.0.0.0");
    env.put(V1_ENABLED, Boolean.toString(settings.v1Enabled()));
    env.put(V2_MAX_SKEW, Integer.toString(settings.v2MaxSkewSeconds()));
    env.put(MAX_IN_FLIGHT, Integer.toString(EdgeScaling.MAX_IN_FLIGHT_PER_TASK));
    env.put("AWS_REGION", region);
    // No JAVA_TOOL_OPTIONS: the image's java command line carries the heap size and
    // -XX:+ExitOnOutOfMemoryError, and a variable set here would only add to them.
    return Map.copyOf(env);
  }
}
