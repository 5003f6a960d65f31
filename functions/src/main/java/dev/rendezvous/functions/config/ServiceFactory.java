package dev.rendezvous.functions.config;

import dev.rendezvous.core.call.CallPolicies;
import dev.rendezvous.core.call.CallService;
import dev.rendezvous.core.config.InternalApiSettings;
import dev.rendezvous.core.config.RendezvousSettings;
import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.core.service.OwnerQueries;
import dev.rendezvous.core.service.RendezvousService;
import dev.rendezvous.core.service.TaskRecordCache;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.internalapi.CachedSecretSource;
import dev.rendezvous.internalapi.InternalApiClient;
import dev.rendezvous.internalapi.InternalApiOwnerChannel;
import dev.rendezvous.internalapi.InternalApiPushChannel;
import dev.rendezvous.protocol.identity.CredentialFactory;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Core's settings, rules, clock and credential source as beans, built once per container, and the
 * HTTP use cases over whichever storage {@link StorageFactory} chose, asking the clients' live
 * owners (edge tasks) over the internal API. The secret is read from the directory on first use and
 * again only after an owner refuses it; task records are kept a few seconds per container.
 */
@Factory
public class ServiceFactory {

  @Singleton
  RendezvousSettings settings(RendezvousProperties properties) {
    return properties.toSettings();
  }

  @Singleton
  InternalApiSettings internalApiSettings(RendezvousProperties properties) {
    return properties.toInternalApiSettings();
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

  /** Its own two threads; nothing is connected before the first owner is asked. */
  @Singleton
  @Bean(preDestroy = "close")
  InternalApiClient internalApiClient(
      CachedSecretSource secrets, InternalApiSettings settings, Clock clock) {
    return new InternalApiClient(secrets, settings.ownerTimeout(), clock);
  }

  @Singleton
  OwnerQueries ownerQueries(ClientRegistry registry, InternalApiClient client) {
    return new OwnerQueries(
        new TaskRecordCache(registry::findTask, TaskRecordCache.DEFAULT_MAX_AGE),
        new InternalApiOwnerChannel(client),
        OwnerQueries.DEFAULT_STALE_AFTER);
  }

  /** The secret is read once from the directory and kept (again only after an owner refuses it). */
  @Singleton
  CachedSecretSource internalSecrets(ClientRegistry registry, Clock clock) {
    return new CachedSecretSource(registry::findInternalSecret, clock);
  }

  @Singleton
  CallService callService(
      ClientRegistry registry,
      LivenessRules rules,
      Clock clock,
      OwnerQueries owners,
      InternalApiClient client,
      CallPolicies policies,
      CachedSecretSource secrets) {
    return new CallService(
        registry,
        rules,
        clock,
        owners,
        new InternalApiPushChannel(client),
        policies,
        secrets::current);
  }

  @Singleton
  RendezvousService rendezvousService(
      ClientRegistry registry,
      CredentialFactory credentials,
      LivenessRules rules,
      Clock clock,
      OwnerQueries owners) {
    return new RendezvousService(registry, credentials, rules, clock, owners);
  }
}
