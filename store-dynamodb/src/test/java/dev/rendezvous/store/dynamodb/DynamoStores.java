package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import dev.rendezvous.testkit.MutableClock;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Both directory ports over a fresh table of a test's dynalite: the registry on the extension's
 * sync client, the live directory on an async client of its own that {@link #close()} closes.
 */
record DynamoStores(
    DynamoStoreSettings settings,
    DynamoDbAsyncClient async,
    DynamoClientRegistry registry,
    DynamoLiveDirectory live)
    implements AutoCloseable {

  static DynamoStores over(DynaliteExtension dynalite, LivenessRules rules, MutableClock clock) {
    DynamoStoreSettings settings = DynamoStoreSettings.forTable(dynalite.createTable());
    DynamoDbAsyncClient async = dynalite.newAsyncClient(4);
    return new DynamoStores(
        settings,
        async,
        new DynamoClientRegistry(dynalite.syncClient(), settings, rules, clock),
        new DynamoLiveDirectory(async, settings, rules, clock));
  }

  @Override
  public void close() {
    async.close();
  }
}
