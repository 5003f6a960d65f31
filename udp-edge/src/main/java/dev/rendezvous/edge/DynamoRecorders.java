package dev.rendezvous.edge;

import dev.rendezvous.core.registry.PulseRecorder;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.store.dynamodb.DynamoClientFactory;
import dev.rendezvous.store.dynamodb.DynamoPulseRecorder;
import dev.rendezvous.store.dynamodb.DynamoStoreSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Builds the DynamoDB pulse recorder from the environment: the SDK's async client on Netty, with as
 * many connections as the edge allows pulses in flight (capped), and an SDK call timeout of twice
 * the edge's storage timeout, so an abandoned call frees its slot soon after the edge gave up.
 */
final class DynamoRecorders {
  static final int MAX_CONNECTIONS = 512;
  static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(15);
  private static final Logger LOG = LoggerFactory.getLogger(DynamoRecorders.class);

  private DynamoRecorders() {}

  static PulseRecorder create(
      EdgeSettings settings,
      Map<String, String> env,
      LivenessRules rules,
      Clock clock,
      List<AutoCloseable> resources) {
    DynamoDbAsyncClient client =
        DynamoClientFactory.fromEnvironment(env)
            .withApiCallTimeout(settings.storageTimeout().multipliedBy(2))
            .asyncClient(Math.min(settings.maxInFlight(), MAX_CONNECTIONS));
    resources.add(client);
    DynamoPulseRecorder recorder =
        new DynamoPulseRecorder(
            client, DynamoStoreSettings.forTable(settings.shared().tableName()), rules, clock);
    warmUp(recorder);
    return recorder;
  }

  /**
   * One read before the edge reports healthy: it loads the SDK's classes, resolves credentials and
   * opens a connection, so the first real pulses are not dropped for exceeding the storage timeout
   * on a cold JVM. A failure here is only logged; pulses then get the usual degraded behaviour.
   */
  static void warmUp(PulseRecorder recorder) {
    try {
      recorder
          .find(ClientId.fromBytes(new byte[ClientId.LENGTH_BYTES]))
          .toCompletableFuture()
          .get(WARM_UP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.atWarn()
          .addKeyValue("event", "storage_warm_up_failed")
          .addKeyValue("error", e.getClass().getSimpleName())
          .log("the first storage call failed; pulses are dropped until storage answers");
    }
  }
}
