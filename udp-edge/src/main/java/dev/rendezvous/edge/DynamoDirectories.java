package dev.rendezvous.edge;

import dev.rendezvous.core.directory.LiveDirectory;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.store.dynamodb.DynamoClientFactory;
import dev.rendezvous.store.dynamodb.DynamoLiveDirectory;
import dev.rendezvous.store.dynamodb.DynamoStoreSettings;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Builds the DynamoDB directory from the environment: the SDK's async client on Netty (credentials
 * refreshed in the background: calls start on the edge's event loops), with as many connections as
 * the edge allows storage calls in flight (capped), and an SDK call timeout of twice the edge's
 * storage timeout, so an abandoned call frees its slot soon after the edge gave up.
 */
final class DynamoDirectories {
  static final int MAX_CONNECTIONS = 512;

  private DynamoDirectories() {}

  static LiveDirectory create(
      EdgeSettings settings, Map<String, String> env, Clock clock, List<AutoCloseable> resources) {
    DynamoDbAsyncClient client =
        DynamoClientFactory.fromEnvironment(env)
            .withBackgroundCredentialRefresh()
            .withApiCallTimeout(settings.storageTimeout().multipliedBy(2))
            .asyncClient(Math.min(settings.maxInFlight(), MAX_CONNECTIONS));
    resources.add(client);
    return new DynamoLiveDirectory(
        client,
        DynamoStoreSettings.forTable(settings.shared().tableName()),
        new LivenessRules(settings.shared().timings()),
        clock);
  }
}
