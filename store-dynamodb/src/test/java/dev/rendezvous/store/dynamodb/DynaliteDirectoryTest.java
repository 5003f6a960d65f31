package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.store.dynamodb.testing.DirectoryContract;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import dev.rendezvous.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/** The directory contract on a real DynamoDB engine (dynalite), through both SDK clients. */
class DynaliteDirectoryTest extends DirectoryContract {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();

  @Override
  protected Subject newSubject(LivenessRules rules, MutableClock clock) {
    DynamoStoreSettings settings = DynamoStoreSettings.forTable(DYNALITE.createTable());
    DynamoDbAsyncClient async = DYNALITE.newAsyncClient(64);
    return new Subject(
        new DynamoClientRegistry(DYNALITE.syncClient(), settings, rules, clock),
        new DynamoLiveDirectory(async, settings, rules, clock),
        async);
  }

  @Override
  protected Duration sweepDelay() {
    return Duration.ofSeconds(2 * DynamoStoreSettings.DEFAULT_SWEEP_BUCKET_SECONDS);
  }
}
