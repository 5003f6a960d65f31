package dev.rendezvous.core.config;

import dev.rendezvous.core.InvalidSettingException;
import dev.rendezvous.core.timing.PulseTimings;
import java.util.Map;

/**
 * The settings shared by every process, with the same environment variable names everywhere. This
 * is their one validator: built from typed values ({@link #builder()}), from the environment
 * ({@link #fromEnvironment}), or directly; an invalid value names its variable.
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
  public static final int DEFAULT_UDP_PORT = 5024;
  public static final int DEFAULT_HTTP_PORT = 5025;

  public RendezvousSettings {
    if (timings == null || store == null) {
      throw new IllegalArgumentException("timings and store are required");
    }
    requirePort(UDP_PORT, udpPort);
    requirePort(HTTP_PORT, httpPort);
    if (tableName == null || !tableName.matches("[A-Za-z0-9_.-]{3,255}")) {
      throw new InvalidSettingException(
          TABLE + " must be 3-255 characters of A-Z a-z 0-9 _ . -, got '" + tableName + "'");
    }
  }

  public static RendezvousSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The variables as set in {@code env}; unset or blank ones take their defaults. */
  public static RendezvousSettings fromEnvironment(Map<String, String> env) {
    return builder()
        .pulseIntervalSeconds(EnvironmentValues.wholeNumber(env, PULSE_INTERVAL).orElse(null))
        .errorTimeSeconds(EnvironmentValues.wholeNumber(env, ERROR_TIME).orElse(null))
        .graceSeconds(EnvironmentValues.wholeNumber(env, GRACE).orElse(null))
        .udpPort(EnvironmentValues.wholeNumber(env, UDP_PORT).orElse(null))
        .httpPort(EnvironmentValues.wholeNumber(env, HTTP_PORT).orElse(null))
        .table(env.get(TABLE))
        .store(env.get(STORE))
        .build();
  }

  private static void requirePort(String name, long port) {
    if (port < 0 || port > 65535) {
      throw new InvalidSettingException(name + " must be 0..65535, got " + port);
    }
  }

  /**
   * Typed values, each {@code null} (or, for text, blank) for its default: interval 30 s, error
   * time 180 s, grace 5 s but never more than the interval, UDP 5024, HTTP 5025, table {@value
   * #DEFAULT_TABLE}, store {@code dynamodb}.
   */
  public static final class Builder {
    private Long pulseIntervalSeconds;
    private Long errorTimeSeconds;
    private Long graceSeconds;
    private Long udpPort;
    private Long httpPort;
    private String table;
    private String store;

    private Builder() {}

    public Builder pulseIntervalSeconds(Long seconds) {
      this.pulseIntervalSeconds = seconds;
      return this;
    }

    public Builder errorTimeSeconds(Long seconds) {
      this.errorTimeSeconds = seconds;
      return this;
    }

    public Builder graceSeconds(Long seconds) {
      this.graceSeconds = seconds;
      return this;
    }

    public Builder udpPort(Long port) {
      this.udpPort = port;
      return this;
    }

    public Builder httpPort(Long port) {
      this.httpPort = port;
      return this;
    }

    public Builder table(String name) {
      this.table = name;
      return this;
    }

    /** {@code dynamodb} or {@code memory}, read by {@link StoreKind#parse}. */
    public Builder store(String kind) {
      this.store = kind;
      return this;
    }

    /**
     * @throws InvalidSettingException naming the variable of the first value that is invalid, or of
     *     the timings that do not fit together
     */
    public RendezvousSettings build() {
      long interval =
          seconds(PULSE_INTERVAL, pulseIntervalSeconds, PulseTimings.DEFAULTS.intervalSeconds());
      long error = seconds(ERROR_TIME, errorTimeSeconds, PulseTimings.DEFAULTS.errorTimeSeconds());
      long grace = seconds(GRACE, graceSeconds, PulseTimings.defaultGraceSeconds(interval));
      PulseTimings timings;
      try {
        timings = new PulseTimings(interval, grace, error);
      } catch (IllegalArgumentException e) {
        throw new InvalidSettingException(
            PULSE_INTERVAL + ", " + GRACE + ", " + ERROR_TIME + ": " + e.getMessage());
      }
      long udp = udpPort == null ? DEFAULT_UDP_PORT : udpPort;
      long http = httpPort == null ? DEFAULT_HTTP_PORT : httpPort;
      requirePort(UDP_PORT, udp);
      requirePort(HTTP_PORT, http);
      String tableName = table == null || table.isBlank() ? DEFAULT_TABLE : table.strip();
      return new RendezvousSettings(
          timings, (int) udp, (int) http, tableName, StoreKind.parse(store));
    }

    private static long seconds(String name, Long value, long fallback) {
      long seconds = value == null ? fallback : value;
      if (seconds < 0) {
        throw new InvalidSettingException(name + " must not be negative, got " + seconds);
      }
      return seconds;
    }
  }
}
