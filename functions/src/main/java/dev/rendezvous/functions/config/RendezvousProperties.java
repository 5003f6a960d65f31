package dev.rendezvous.functions.config;

import dev.rendezvous.core.config.InternalApiSettings;
import dev.rendezvous.core.config.RendezvousSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The shared settings, bound from the SPEC's environment variables: Micronaut maps {@code
 * RENDEZVOUS_PULSE_INTERVAL_SECONDS} to {@code rendezvous.pulse-interval-seconds}, and so on. Each
 * value is validated here; {@link SettingsFactory} then builds core's {@link RendezvousSettings},
 * which checks how the values fit together.
 */
@ConfigurationProperties("rendezvous")
public class RendezvousProperties {
  private static final long DEFAULT_GRACE_SECONDS = 5;

  @Min(1)
  private long pulseIntervalSeconds = 30;

  @Min(0)
  private long errorTimeSeconds = 180;

  @Nullable
  @Min(0)
  private Long graceSeconds;

  @Min(0)
  @Max(65535)
  private int udpPort = 5024;

  @Min(0)
  @Max(65535)
  private int httpPort = 5025;

  @NotNull
  @Pattern(regexp = "[A-Za-z0-9_.-]{3,255}")
  private String table = RendezvousSettings.DEFAULT_TABLE;

  @NotNull
  @Pattern(regexp = "(?i)\\s*(dynamodb|memory)\\s*")
  private String store = "dynamodb";

  @Min(1)
  @Max(10_000)
  private long ownerTimeoutMillis = InternalApiSettings.DEFAULT_OWNER_TIMEOUT_MILLIS;

  public long getPulseIntervalSeconds() {
    return pulseIntervalSeconds;
  }

  public void setPulseIntervalSeconds(long pulseIntervalSeconds) {
    this.pulseIntervalSeconds = pulseIntervalSeconds;
  }

  public long getErrorTimeSeconds() {
    return errorTimeSeconds;
  }

  public void setErrorTimeSeconds(long errorTimeSeconds) {
    this.errorTimeSeconds = errorTimeSeconds;
  }

  /** The grace; when unset, core's default (5 s, but never more than the interval). */
  public long getGraceSeconds() {
    return graceSeconds != null
        ? graceSeconds
        : Math.min(DEFAULT_GRACE_SECONDS, pulseIntervalSeconds);
  }

  public void setGraceSeconds(@Nullable Long graceSeconds) {
    this.graceSeconds = graceSeconds;
  }

  public int getUdpPort() {
    return udpPort;
  }

  public void setUdpPort(int udpPort) {
    this.udpPort = udpPort;
  }

  public int getHttpPort() {
    return httpPort;
  }

  public void setHttpPort(int httpPort) {
    this.httpPort = httpPort;
  }

  public String getTable() {
    return table;
  }

  public void setTable(String table) {
    this.table = table;
  }

  /** How long a route waits for a client's live owners, all together. */
  public long getOwnerTimeoutMillis() {
    return ownerTimeoutMillis;
  }

  public void setOwnerTimeoutMillis(long ownerTimeoutMillis) {
    this.ownerTimeoutMillis = ownerTimeoutMillis;
  }

  public String getStore() {
    return store;
  }

  public void setStore(String store) {
    this.store = store;
  }
}
