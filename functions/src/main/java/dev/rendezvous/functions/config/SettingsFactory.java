package dev.rendezvous.functions.config;

import dev.rendezvous.core.config.InternalApiSettings;
import dev.rendezvous.core.config.RendezvousSettings;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.protocol.identity.CredentialFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Core's settings, rules, clock and credential source as beans, built once per container. */
@Factory
public class SettingsFactory {

  @Singleton
  RendezvousSettings settings(RendezvousProperties properties) {
    Map<String, String> env = new HashMap<>();
    env.put(RendezvousSettings.PULSE_INTERVAL, Long.toString(properties.getPulseIntervalSeconds()));
    env.put(RendezvousSettings.ERROR_TIME, Long.toString(properties.getErrorTimeSeconds()));
    env.put(RendezvousSettings.GRACE, Long.toString(properties.getGraceSeconds()));
    env.put(RendezvousSettings.UDP_PORT, Integer.toString(properties.getUdpPort()));
    env.put(RendezvousSettings.HTTP_PORT, Integer.toString(properties.getHttpPort()));
    env.put(RendezvousSettings.TABLE, properties.getTable());
    env.put(RendezvousSettings.STORE, properties.getStore());
    return RendezvousSettings.fromEnvironment(env);
  }

  @Singleton
  InternalApiSettings internalApiSettings(RendezvousProperties properties) {
    return InternalApiSettings.fromEnvironment(
        Map.of(
            InternalApiSettings.OWNER_TIMEOUT, Long.toString(properties.getOwnerTimeoutMillis())));
  }

  @Singleton
  PulseTimings timings(RendezvousSettings settings) {
    return settings.timings();
  }

  @Singleton
  LivenessRules livenessRules(PulseTimings timings) {
    return new LivenessRules(timings);
  }

  /** The wall clock; tests register their own {@link Clock} singleton instead. */
  @Singleton
  @Requires(missingBeans = Clock.class)
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Creates its random source lazily, on first use: nothing random lands in a snapshot. */
  @Singleton
  CredentialFactory credentialFactory() {
    return new CredentialFactory();
  }
}
