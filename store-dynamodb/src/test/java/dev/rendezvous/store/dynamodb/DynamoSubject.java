package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.store.dynamodb.testing.DirectoryFixture.Subject;
import dev.rendezvous.testkit.MutableClock;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The directory contract's subject on DynamoDB: both ports over one table, on their own clients.
 */
final class DynamoSubject {
  private DynamoSubject() {}

  /**
   * @param afterClosing runs once both clients are closed (a check of the test's own, or nothing)
   */
  static Subject over(
      DynamoDbClient sync,
      DynamoDbAsyncClient async,
      DynamoStoreSettings settings,
      LivenessRules rules,
      MutableClock clock,
      Runnable afterClosing) {
    return new Subject(
        new DynamoClientRegistry(sync, settings, rules, clock),
        new DynamoLiveDirectory(async, settings, rules, clock),
        () -> {
          async.close();
          sync.close();
          afterClosing.run();
        });
  }
}
