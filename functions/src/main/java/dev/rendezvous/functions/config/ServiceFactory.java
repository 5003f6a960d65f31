package dev.rendezvous.functions.config;

import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.core.service.RendezvousService;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.protocol.identity.CredentialFactory;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The HTTP use cases over whichever storage {@link StorageFactory} chose. */
@Factory
public class ServiceFactory {

  @Singleton
  RendezvousService rendezvousService(
      ClientRegistry registry, CredentialFactory credentials, LivenessRules rules, Clock clock) {
    return new RendezvousService(registry, credentials, rules, clock);
  }
}
