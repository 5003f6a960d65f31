package dev.rendezvous.functions.config;

import dev.rendezvous.core.config.RendezvousSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The shared settings as Micronaut binds them from the environment: {@code
 * RENDEZVOUS_PULSE_INTERVAL_SECONDS} becomes {@code rendezvous.pulse-interval-seconds}, and so on.
 * Unset values stay null; core's {@link RendezvousSettings} applies the defaults and is the one
 * validator.
 */
@ConfigurationProperties("rendezvous")
public record RendezvousProperties(
    @Nullable Long pulseIntervalSeconds,
    @Nullable Long errorTimeSeconds,
    @Nullable Long graceSeconds,
    @Nullable Long udpPort,
    @Nullable Long httpPort,
    @Nullable String table,
    @Nullable String store) {

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
}
