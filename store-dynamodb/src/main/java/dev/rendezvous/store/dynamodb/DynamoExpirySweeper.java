package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.StorageUnavailableException;
import dev.rendezvous.core.registry.SweepReport;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Deletes expired clients without scanning the table. Clients are filed in the KEYS_ONLY sweep
 * index under the bucket of their expiry time; the sweep reads only buckets that have completely
 * passed (so every entry in them is expired, unless it pulsed since and moved to a later bucket),
 * deletes each entry conditionally, then moves a cursor item forward so that each bucket is read
 * once. A run that hits its deadline or a storage error leaves the cursor where it was and the next
 * run resumes.
 *
 * <p>Cost when nobody expires: one GetItem for the cursor, plus {@code shards} empty queries and
 * one cursor write each time a bucket completes.
 */
final class DynamoExpirySweeper {
  private static final Logger LOG = LoggerFactory.getLogger(DynamoExpirySweeper.class);

  private final DynamoDbClient dynamo;
  private final ClientRequests requests;
  private final ClientWrites writes;
  private final ConditionalWriter writer;
  private final DynamoStoreSettings settings;
  private final Clock clock;

  DynamoExpirySweeper(
      DynamoDbClient dynamo,
      ClientRequests requests,
      ClientWrites writes,
      ConditionalWriter writer,
      DynamoStoreSettings settings,
      Clock clock) {
    this.dynamo = dynamo;
    this.requests = requests;
    this.writes = writes;
    this.writer = writer;
    this.settings = settings;
    this.clock = clock;
  }

  SweepReport sweep(Instant deadline) {
    SweepBuckets buckets = requests.buckets();
    long last = buckets.lastCompleteBucket(clock.instant().getEpochSecond());
    long first = cursor().map(c -> c + 1).orElse(last - settings.sweepLookbackBuckets() + 1);
    Tally tally = new Tally();
    for (long bucket = first; bucket <= last; bucket++) {
      for (int shard = 0; shard < buckets.shards(); shard++) {
        if (!sweepPartition(buckets.partition(bucket, shard), deadline, tally)) {
          return tally.report(false);
        }
      }
      try {
        dynamo.updateItem(requests.advanceCursor(bucket));
      } catch (ConditionalCheckFailedException e) {
        LOG.debug("another sweep already passed bucket {}", bucket);
      } catch (SdkException e) {
        LOG.warn("sweep could not move its cursor to bucket {}: {}", bucket, e.toString());
        return tally.report(false);
      }
      tally.buckets++;
    }
    return tally.report(true);
  }

  /** Returns false when the run must stop (deadline or storage trouble). */
  private boolean sweepPartition(String partition, Instant deadline, Tally tally) {
    Map<String, AttributeValue> startKey = null;
    do {
      if (!clock.instant().isBefore(deadline)) {
        return false;
      }
      QueryResponse page;
      try {
        page = dynamo.query(requests.sweepPartition(partition, startKey));
      } catch (SdkException e) {
        LOG.warn("sweep could not read partition {}: {}", partition, e.toString());
        return false;
      }
      for (Map<String, AttributeValue> entry : page.items()) {
        tally.candidates++;
        String clientId = entry.get(ClientTable.CLIENT_ID).s();
        try {
          if (writer.writeAndWait(writes.deleteIfExpired(clientId))) {
            tally.deleted++;
          } else {
            tally.revived++;
          }
        } catch (StorageUnavailableException e) {
          LOG.warn("sweep could not delete a client: {}", e.toString());
          return false;
        }
      }
      startKey = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
    } while (startKey != null);
    return true;
  }

  private Optional<Long> cursor() {
    Map<String, AttributeValue> item;
    try {
      item = dynamo.getItem(requests.getCursor()).item();
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
    if (item == null || !item.containsKey(ClientTable.SWEPT_THROUGH_BUCKET)) {
      return Optional.empty();
    }
    return Optional.of(ClientItems.number(item, ClientTable.SWEPT_THROUGH_BUCKET));
  }

  private static final class Tally {
    int buckets;
    int candidates;
    int deleted;
    int revived;

    SweepReport report(boolean complete) {
      return new SweepReport(buckets, candidates, deleted, revived, complete);
    }
  }
}
