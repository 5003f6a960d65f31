package dev.rendezvous.store.dynamodb;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

/**
 * Creates the clients table from {@link ClientTable} when it does not exist yet (local runs,
 * LocalStack); in AWS the CDK stack owns the table. Idempotent.
 */
public final class TableBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(TableBootstrap.class);

  private TableBootstrap() {}

  /**
   * Creates the table named by {@code RENDEZVOUS_TABLE} at {@code AWS_ENDPOINT_URL_DYNAMODB} if it
   * is missing (used by ./run-local).
   */
  public static void main(String[] args) {
    java.util.Map<String, String> env = System.getenv();
    String table = dev.rendezvous.core.config.RendezvousSettings.fromEnvironment(env).tableName();
    try (DynamoDbClient dynamo = DynamoClientFactory.fromEnvironment(env).syncClient()) {
      boolean created = ensureTable(dynamo, table);
      System.out.println((created ? "created table " : "table exists: ") + table);
    }
  }

  /** Returns true when it created the table, false when it was already there. */
  public static boolean ensureTable(DynamoDbClient dynamo, String tableName) {
    try {
      dynamo.describeTable(b -> b.tableName(tableName));
      return false;
    } catch (ResourceNotFoundException e) {
      dynamo.createTable(ClientTable.createTableRequest(tableName));
      awaitActive(dynamo, tableName, Duration.ofSeconds(30));
      enableTtl(dynamo, tableName);
      return true;
    }
  }

  /**
   * Polls every 25 ms until the table and its index are ACTIVE (writes to a CREATING table fail
   * with ResourceNotFoundException). The SDK's waiter polls every 20 s, far too slow locally.
   */
  public static void awaitActive(DynamoDbClient dynamo, String tableName, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      TableDescription table = dynamo.describeTable(b -> b.tableName(tableName)).table();
      boolean indexesActive =
          table.globalSecondaryIndexes().stream()
              .allMatch(i -> i.indexStatus() == IndexStatus.ACTIVE);
      if (table.tableStatus() == TableStatus.ACTIVE && indexesActive) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "table " + tableName + " did not become ACTIVE in " + timeout);
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for table " + tableName, e);
      }
    }
  }

  private static void enableTtl(DynamoDbClient dynamo, String tableName) {
    try {
      dynamo.updateTimeToLive(
          b ->
              b.tableName(tableName)
                  .timeToLiveSpecification(
                      TimeToLiveSpecification.builder()
                          .attributeName(ClientTable.TTL_ATTRIBUTE)
                          .enabled(true)
                          .build()));
    } catch (AwsServiceException e) {
      // dynalite has no UpdateTimeToLive; the expiry sweep does the work there.
      LOG.info(
          "table {}: TTL not enabled by this engine ({})",
          tableName,
          e.awsErrorDetails().errorCode());
    }
  }
}
