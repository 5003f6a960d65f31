package dev.rendezvous.functions.config;

import dev.rendezvous.core.config.RendezvousSettings;
import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.core.service.RendezvousService;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.protocol.identity.CredentialFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Core's settings, rules, clock and credential source as beans, built once per container, and the
 * HTTP use cases over whichever storage {@link StorageFactory} chose.
 */
@Factory
public class ServiceFactory {

  @Singleton
  RendezvousSettings settings(RendezvousProperties properties) {
    return properties.toSettings();
  }

  @Singleton
  LivenessRules livenessRules(RendezvousSettings settings) {
    return new LivenessRules(settings.timings());
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

  @Singleton
  RendezvousService rendezvousService(
      ClientRegistry registry, CredentialFactory credentials, LivenessRules rules, Clock clock) {
    return new RendezvousService(registry, credentials, rules, clock);
  }
}
