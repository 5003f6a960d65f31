package dev.rendezvous.functions.config;

import dev.rendezvous.core.call.CallPolicies;
import dev.rendezvous.core.call.InMemoryCallPolicies;
import dev.rendezvous.core.config.RendezvousSettings;
import dev.rendezvous.core.config.StoreKind;
import dev.rendezvous.core.directory.memory.InMemoryDirectory;
import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.store.dynamodb.DynamoCallPolicies;
import dev.rendezvous.store.dynamodb.DynamoClientRegistry;
import dev.rendezvous.store.dynamodb.DynamoStoreSettings;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Chooses the storage adapter from {@code RENDEZVOUS_STORE}: DynamoDB (the default) or the
 * in-process store. The SDK client is built once per container, never statically.
 */
@Factory
public class StorageFactory {
  private static final Logger LOG = LoggerFactory.getLogger(StorageFactory.class);

  /** A blocking client on the JDK's URL connection: small and quick to start on Lambda. */
  @Singleton
  @Bean(preDestroy = "close")
  @Requires(condition = DynamoStoreSelected.class)
  DynamoDbClient dynamoDbClient(AwsProperties aws) {
    return aws.dynamoClients().syncClient();
  }

  @Singleton
  ClientRegistry clientRegistry(
      RendezvousSettings settings,
      LivenessRules rules,
      Clock clock,
      BeanProvider<DynamoDbClient> dynamo) {
    if (settings.store() == StoreKind.MEMORY) {
      LOG.warn(
          "RENDEZVOUS_STORE=memory: clients live only in this process and are lost with it;"
              + " use it only to measure the service's own speed");
      return new InMemoryDirectory(rules, clock);
    }
    LOG.info("storage: DynamoDB table {}", settings.tableName());
    return new DynamoClientRegistry(
        dynamo.get(), DynamoStoreSettings.forTable(settings.tableName()), rules, clock);
  }

  /** Call policies beside the chosen store: on the clients' own items. */
  @Singleton
  CallPolicies callPolicies(
      RendezvousSettings settings, ClientRegistry registry, BeanProvider<DynamoDbClient> dynamo) {
    if (settings.store() == StoreKind.MEMORY) {
      return new InMemoryCallPolicies(registry);
    }
    return new DynamoCallPolicies(dynamo.get(), DynamoStoreSettings.forTable(settings.tableName()));
  }
}
