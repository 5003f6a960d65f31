package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.store.dynamodb.testing.DirectoryContract;
import dev.rendezvous.testkit.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The directory contract on LocalStack's DynamoDB through Testcontainers. Runs where a Docker
 * engine is available and is skipped cleanly where it is not (as on the CI machines here). 4.14.0
 * is the last LocalStack community image that needs no auth token.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackDirectoryTest extends DirectoryContract {
  @Container
  static final LocalStackContainer LOCALSTACK =
      new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.14.0"))
          .withServices(LocalStackContainer.Service.DYNAMODB);

  private static final AtomicInteger TABLES = new AtomicInteger();

  @Override
  protected Subject newSubject(LivenessRules rules, MutableClock clock) {
    DynamoClientFactory factory = DynamoClientFactory.forLocalEndpoint(LOCALSTACK.getEndpoint());
    DynamoDbClient sync = factory.syncClient();
    String table = "clients-" + TABLES.incrementAndGet();
    TableBootstrap.ensureTable(sync, table);
    DynamoStoreSettings settings = DynamoStoreSettings.forTable(table);
    DynamoDbAsyncClient async = factory.asyncClient(64);
    return DynamoSubject.over(sync, async, settings, rules, clock, () -> {});
  }

  @Override
  protected Duration sweepDelay() {
    return Duration.ofSeconds(2 * DynamoStoreSettings.DEFAULT_SWEEP_BUCKET_SECONDS);
  }
}
