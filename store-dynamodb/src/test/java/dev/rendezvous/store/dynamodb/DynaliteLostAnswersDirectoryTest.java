package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.store.dynamodb.testing.DirectoryContract;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import dev.rendezvous.store.dynamodb.testing.LostResponses;
import dev.rendezvous.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole directory contract again, on dynalite, with the answer to the first attempt of every
 * write lost on its way back ({@link LostResponses}): every write lands, the SDK sends it again,
 * and the retry must be recognized, so every rule holds under the SDK's automatic retries.
 */
class DynaliteLostAnswersDirectoryTest extends DirectoryContract {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();

  @Override
  protected Subject newSubject(LivenessRules rules, MutableClock clock) {
    DynamoStoreSettings settings = DynamoStoreSettings.forTable(DYNALITE.createTable());
    LostResponses lost = new LostResponses().loseEveryFirstWriteAttempt();
    DynamoDbClient sync =
        DYNALITE.clients().syncClient(lost.around(UrlConnectionHttpClient.create()));
    DynamoDbAsyncClient async =
        DYNALITE.clients().asyncClient(lost.around(NettyNioAsyncHttpClient.create()));
    return DynamoSubject.over(
        sync,
        async,
        settings,
        rules,
        clock,
        () -> {
          int lostAnswers =
              lost.lost("PutItem") + lost.lost("UpdateItem") + lost.lost("DeleteItem");
          if (lostAnswers == 0) {
            throw new AssertionError("no answer was lost: the test proved nothing");
          }
        });
  }

  @Override
  protected Duration sweepDelay() {
    return Duration.ofSeconds(2 * DynamoStoreSettings.DEFAULT_SWEEP_BUCKET_SECONDS);
  }
}
