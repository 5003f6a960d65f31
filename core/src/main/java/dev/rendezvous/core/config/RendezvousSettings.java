package dev.rendezvous.core.config;

import dev.rendezvous.core.timing.PulseTimings;
import java.util.Locale;
import java.util.Map;

/**
 * The settings shared by every process, read from environment variables with the same names
 * everywhere. Validated on construction; an invalid value names its variable.
 */
public record RendezvousSettings(
    PulseTimings timings, int udpPort, int httpPort, String tableName, StoreKind store) {

  public static final String PULSE_INTERVAL = "RENDEZVOUS_PULSE_INTERVAL_SECONDS";
  public static final String ERROR_TIME = "RENDEZVOUS_ERROR_TIME_SECONDS";
  public static final String GRACE = "RENDEZVOUS_GRACE_SECONDS";
  public static final String UDP_PORT = "RENDEZVOUS_UDP_PORT";
  public static final String HTTP_PORT = "RENDEZVOUS_HTTP_PORT";
  public static final String TABLE = "RENDEZVOUS_TABLE";
  public static final String STORE = "RENDEZVOUS_STORE";

  public static final String DEFAULT_TABLE = "rendezvous-clients";

  public RendezvousSettings {
    requirePort(UDP_PORT, udpPort);
    requirePort(HTTP_PORT, httpPort);
    if (tableName == null || !tableName.matches("[A-Za-z0-9_.-]{3,255}")) {
      throw new InvalidSettingException(
          TABLE + " must be 3-255 characters of A-Z a-z 0-9 _ . -, got '" + tableName + "'");
    }
  }

  public static RendezvousSettings defaults() {
    return fromEnvironment(Map.of());
  }

  public static RendezvousSettings fromEnvironment(Map<String, String> env) {
    long interval = seconds(env, PULSE_INTERVAL, PulseTimings.DEFAULTS.intervalSeconds());
    long error = seconds(env, ERROR_TIME, PulseTimings.DEFAULTS.errorTimeSeconds());
    long grace = seconds(env, GRACE, Math.min(PulseTimings.DEFAULTS.graceSeconds(), interval));
    PulseTimings timings;
    try {
      timings = new PulseTimings(interval, grace, error);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(
          PULSE_INTERVAL + ", " + GRACE + ", " + ERROR_TIME + ": " + e.getMessage());
    }
    String storeText = env.getOrDefault(STORE, "dynamodb").trim().toUpperCase(Locale.ROOT);
    StoreKind store;
    try {
      store = StoreKind.valueOf(storeText);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(
          STORE + " must be dynamodb or memory, got '" + storeText + "'");
    }
    return new RendezvousSettings(
        timings,
        (int) integer(env, UDP_PORT, 5024),
        (int) integer(env, HTTP_PORT, 5025),
        env.getOrDefault(TABLE, DEFAULT_TABLE).trim(),
        store);
  }

  private static long seconds(Map<String, String> env, String name, long fallback) {
    long value = integer(env, name, fallback);
    if (value < 0) {
      throw new InvalidSettingException(name + " must not be negative, got " + value);
    }
    return value;
  }

  private static long integer(Map<String, String> env, String name, long fallback) {
    return EnvironmentValues.wholeNumber(env, name, fallback);
  }

  private static void requirePort(String name, int port) {
    if (port < 0 || port > 65535) {
      throw new InvalidSettingException(name + " must be 0..65535, got " + port);
    }
  }
}
