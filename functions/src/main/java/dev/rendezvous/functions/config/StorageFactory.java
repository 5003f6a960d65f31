package dev.rendezvous.functions.config;

import dev.rendezvous.core.config.RendezvousSettings;
import dev.rendezvous.core.config.StoreKind;
import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.core.registry.memory.InMemoryClientRegistry;
import dev.rendezvous.core.timing.LivenessRules;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the storage adapter from {@code RENDEZVOUS_STORE}. */
@Factory
public class StorageFactory {
  private static final Logger LOG = LoggerFactory.getLogger(StorageFactory.class);

  @Singleton
  ClientRegistry clientRegistry(RendezvousSettings settings, LivenessRules rules, Clock clock) {
    if (settings.store() == StoreKind.MEMORY) {
      LOG.warn(
          "RENDEZVOUS_STORE=memory: clients live only in this process and are lost with it;"
              + " use it only to measure the service's own speed");
      return new InMemoryClientRegistry(rules, clock);
    }
    throw new IllegalStateException("DynamoDB store not wired yet");
  }
}
