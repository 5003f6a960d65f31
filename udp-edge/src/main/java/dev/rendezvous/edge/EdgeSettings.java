package dev.rendezvous.edge;

import dev.rendezvous.core.InvalidSettingException;
import dev.rendezvous.core.config.EnvironmentValues;
import dev.rendezvous.core.config.RendezvousSettings;
import java.time.Duration;
import java.util.Map;

/**
 * The edge's settings: the shared {@link RendezvousSettings} plus the edge's own variables, all
 * read from the environment and validated here; an invalid value names its variable.
 *
 * @param v1Enabled whether v1 (key on the wire) pulses are answered
 * @param v2MaxSkew how far a v2 counter may be from the edge's clock
 * @param healthPort the HTTP port for {@code GET /health} and {@code GET /metrics}
 * @param bindAddress the address the UDP sockets and the health port bind
 * @param eventLoopThreads event loops, one UDP socket each (SO_REUSEPORT)
 * @param maxInFlight pulses waiting on storage at once; beyond it new pulses are shed
 * @param storageTimeout how long one storage call may take before the pulse is dropped
 * @param sourceRatePerSecond sustained datagrams per second per source address
 * @param sourceBurst datagrams a source may send at once
 * @param clientRatePerSecond sustained pulses per second per client_id
 * @param clientBurst pulses a client may send at once
 * @param trackedKeys rate-limit buckets kept per limiter (LRU beyond that)
 * @param keyCacheSize v2 pulse MAC keys cached (LRU beyond that)
 * @param drainTimeout how long shutdown waits for in-flight pulses
 * @param cloudWatchMetrics whether meters are published to CloudWatch: {@code
 *     RENDEZVOUS_CLOUDWATCH_METRICS}, by default true in an ECS task and false elsewhere
 */
public record EdgeSettings(
    RendezvousSettings shared,
    boolean v1Enabled,
    Duration v2MaxSkew,
    int healthPort,
    String bindAddress,
    int eventLoopThreads,
    int maxInFlight,
    Duration storageTimeout,
    double sourceRatePerSecond,
    double sourceBurst,
    double clientRatePerSecond,
    double clientBurst,
    int trackedKeys,
    int keyCacheSize,
    Duration drainTimeout,
    boolean cloudWatchMetrics) {

  public static final String V1_ENABLED = "RENDEZVOUS_V1_ENABLED";
  public static final String V2_MAX_SKEW = "RENDEZVOUS_V2_MAX_SKEW_SECONDS";
  public static final String HEALTH_PORT = "RENDEZVOUS_HEALTH_PORT";
  public static final String BIND_ADDRESS = "RENDEZVOUS_BIND_ADDRESS";
  public static final String THREADS = "RENDEZVOUS_EDGE_THREADS";
  public static final String MAX_IN_FLIGHT = "RENDEZVOUS_EDGE_MAX_IN_FLIGHT";
  public static final String STORAGE_TIMEOUT = "RENDEZVOUS_EDGE_STORAGE_TIMEOUT_MILLIS";
  public static final String SOURCE_RATE = "RENDEZVOUS_EDGE_SOURCE_RATE_PER_SECOND";
  public static final String SOURCE_BURST = "RENDEZVOUS_EDGE_SOURCE_BURST";
  public static final String CLIENT_RATE = "RENDEZVOUS_EDGE_CLIENT_RATE_PER_SECOND";
  public static final String CLIENT_BURST = "RENDEZVOUS_EDGE_CLIENT_BURST";
  public static final String TRACKED_KEYS = "RENDEZVOUS_EDGE_TRACKED_KEYS";
  public static final String KEY_CACHE_SIZE = "RENDEZVOUS_EDGE_KEY_CACHE_SIZE";
  public static final String DRAIN_SECONDS = "RENDEZVOUS_EDGE_DRAIN_SECONDS";
  public static final String CLOUDWATCH_METRICS = "RENDEZVOUS_CLOUDWATCH_METRICS";

  /** Set by ECS (Fargate included) in every task: CloudWatch metrics default to on there. */
  static final String ECS_METADATA = "ECS_CONTAINER_METADATA_URI_V4";

  public EdgeSettings {
    requireRange(HEALTH_PORT, healthPort, 0, 65535);
    requireRange(THREADS, eventLoopThreads, 1, 256);
    requireRange(MAX_IN_FLIGHT, maxInFlight, 1, 1_000_000);
    requireRange(TRACKED_KEYS, trackedKeys, 16, 10_000_000);
    requireRange(KEY_CACHE_SIZE, keyCacheSize, 16, 10_000_000);
    if (v2MaxSkew.isNegative() || v2MaxSkew.isZero()) {
      throw new InvalidSettingException(V2_MAX_SKEW + " must be positive, got " + v2MaxSkew);
    }
    if (storageTimeout.toMillis() < 1) {
      throw new InvalidSettingException(STORAGE_TIMEOUT + " must be at least 1 ms");
    }
    requireRate(SOURCE_RATE, sourceRatePerSecond);
    requireRate(CLIENT_RATE, clientRatePerSecond);
    requireBurst(SOURCE_BURST, sourceBurst);
    requireBurst(CLIENT_BURST, clientBurst);
    if (bindAddress == null || bindAddress.isBlank()) {
      throw new InvalidSettingException(BIND_ADDRESS + " must not be empty");
    }
  }

  public static EdgeSettings fromEnvironment(Map<String, String> env) {
    return new EdgeSettings(
        RendezvousSettings.fromEnvironment(env),
        bool(env, V1_ENABLED, true),
        Duration.ofSeconds(integer(env, V2_MAX_SKEW, 300)),
        (int) integer(env, HEALTH_PORT, 8080),
        env.getOrDefault(BIND_ADDRESS, "127.0.0.1").trim(),
        (int) integer(env, THREADS, Runtime.getRuntime().availableProcessors()),
        (int) integer(env, MAX_IN_FLIGHT, 4096),
        Duration.ofMillis(integer(env, STORAGE_TIMEOUT, 1000)),
        decimal(env, SOURCE_RATE, 100),
        decimal(env, SOURCE_BURST, 200),
        decimal(env, CLIENT_RATE, 1),
        decimal(env, CLIENT_BURST, 5),
        (int) integer(env, TRACKED_KEYS, 200_000),
        (int) integer(env, KEY_CACHE_SIZE, 200_000),
        Duration.ofSeconds(integer(env, DRAIN_SECONDS, 10)),
        bool(env, CLOUDWATCH_METRICS, env.containsKey(ECS_METADATA)));
  }

  private static boolean bool(Map<String, String> env, String name, boolean fallback) {
    return EnvironmentValues.flag(env, name, fallback);
  }

  private static long integer(Map<String, String> env, String name, long fallback) {
    return EnvironmentValues.wholeNumber(env, name, fallback);
  }

  private static double decimal(Map<String, String> env, String name, double fallback) {
    return EnvironmentValues.decimal(env, name, fallback);
  }

  // NaN compares false with everything, so "finite" is checked first and explicitly.
  private static void requireRate(String name, double perSecond) {
    if (!Double.isFinite(perSecond) || perSecond <= 0) {
      throw new InvalidSettingException(
          name + " must be a finite number above 0, got " + perSecond);
    }
  }

  private static void requireBurst(String name, double burst) {
    if (!Double.isFinite(burst) || burst < 1) {
      throw new InvalidSettingException(name + " must be a finite number >= 1, got " + burst);
    }
  }

  private static void requireRange(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw new InvalidSettingException(name + " must be " + min + ".." + max + ", got " + value);
    }
  }
}
