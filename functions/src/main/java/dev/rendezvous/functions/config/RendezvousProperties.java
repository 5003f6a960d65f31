package dev.rendezvous.functions.config;

import dev.rendezvous.core.config.InternalApiSettings;
import dev.rendezvous.core.config.RendezvousSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * The shared settings as Micronaut binds them from the environment: {@code
 * RENDEZVOUS_PULSE_INTERVAL_SECONDS} becomes {@code rendezvous.pulse-interval-seconds}, and so on.
 * Unset values stay null; core's {@link RendezvousSettings} and {@link InternalApiSettings} apply
 * the defaults and are the validators.
 *
 * @param ownerTimeoutMillis how long a route waits for a client's live owners, all together
 */
@ConfigurationProperties("rendezvous")
public record RendezvousProperties(
    @Nullable Long pulseIntervalSeconds,
    @Nullable Long errorTimeSeconds,
    @Nullable Long graceSeconds,
    @Nullable Long udpPort,
    @Nullable Long httpPort,
    @Nullable String table,
    @Nullable String store,
    @Nullable Long ownerTimeoutMillis) {

  /** Core's settings from these values; an invalid one stops the start, naming its variable. */
  public RendezvousSettings toSettings() {
    return RendezvousSettings.builder()
        .pulseIntervalSeconds(pulseIntervalSeconds)
        .errorTimeSeconds(errorTimeSeconds)
        .graceSeconds(graceSeconds)
        .udpPort(udpPort)
        .httpPort(httpPort)
        .table(table)
        .store(store)
        .build();
  }

  /**
   * The internal API's settings as the routes use them (the owner timeout; the port is the edge's).
   */
  public InternalApiSettings toInternalApiSettings() {
    return new InternalApiSettings(
        InternalApiSettings.DEFAULT_PORT,
        Duration.ofMillis(
            ownerTimeoutMillis == null
                ? InternalApiSettings.DEFAULT_OWNER_TIMEOUT_MILLIS
                : ownerTimeoutMillis));
  }
}
