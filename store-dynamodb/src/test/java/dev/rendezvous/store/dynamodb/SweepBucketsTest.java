package dev.rendezvous.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.protocol.identity.ClientId;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The sweep index's buckets: a client's bucket is complete (safe to sweep) only after every expiry
 * time filed in it has passed, and live clients move to new index keys at moments spread evenly
 * over time, never all at a bucket boundary. store-dynamodb/README.md has the arithmetic at 10
 * million clients; this checks its two premises on 20,000 simulated clients.
 */
class SweepBucketsTest {
  private static final long WIDTH = DynamoStoreSettings.DEFAULT_SWEEP_BUCKET_SECONDS;
  private static final int SHARDS = DynamoStoreSettings.DEFAULT_SWEEP_SHARDS;
  private static final SweepBuckets BUCKETS = new SweepBuckets(WIDTH, SHARDS);

  /** Checkpoints every 300 s; TTL = checkpoint + lease - window + lifetime = now + 595 s. */
  private static final long PERIOD = 300;

  private static final long TTL_AHEAD = 420 - 35 + 210;
  private static final long START = 1_800_000_000L;
  private static final long SLOT = 60;

  @Property
  void aBucketIsCompleteOnlyAfterEveryExpiryFiledInItHasPassed(
      @ForAll byte[] idBytes,
      @ForAll @LongRange(min = 1_700_000_000L, max = 2_000_000_000L) long expires) {
    ClientId id = ClientId.fromBytes(Arrays.copyOf(idBytes, 16));
    long bucket = BUCKETS.bucketOf(id, expires);
    long completeFrom = (bucket + 1) * WIDTH; // first second at which lastCompleteBucket >= bucket
    assertThat(BUCKETS.lastCompleteBucket(completeFrom)).isGreaterThanOrEqualTo(bucket);
    assertThat(BUCKETS.lastCompleteBucket(completeFrom - 1)).isLessThan(bucket);
    assertThat(completeFrom).as("complete only after expiry").isGreaterThan(expires);
    assertThat(completeFrom - expires)
        .as("and found within two widths")
        .isLessThanOrEqualTo(2 * WIDTH);
  }

  @Test
  void liveClientsChangeIndexKeysEvenlyOverTimeAndOncePerWidth() {
    int clients = 20_000;
    long span = 2 * WIDTH;
    int[] spread = new int[(int) (span / SLOT)];
    int[] aligned = new int[spread.length];
    long checkpoints = 0;
    long changes = 0;
    Random random = new Random(7);
    for (int c = 0; c < clients; c++) {
      byte[] bytes = new byte[16];
      random.nextBytes(bytes);
      ClientId id = ClientId.fromBytes(bytes);
      long phase = random.nextInt((int) PERIOD);
      String before = BUCKETS.partitionFor(id, START + phase - PERIOD + TTL_AHEAD);
      long alignedBefore = Math.floorDiv(START + phase - PERIOD + TTL_AHEAD, WIDTH);
      for (long t = START + phase; t < START + span; t += PERIOD) {
        checkpoints++;
        String after = BUCKETS.partitionFor(id, t + TTL_AHEAD);
        int slot = (int) ((t - START) / SLOT);
        if (!after.equals(before)) {
          changes++;
          spread[slot]++;
        }
        long alignedAfter = Math.floorDiv(t + TTL_AHEAD, WIDTH);
        if (alignedAfter != alignedBefore) {
          aligned[slot]++;
        }
        before = after;
        alignedBefore = alignedAfter;
      }
    }
    double perCheckpoint = (double) changes / checkpoints;
    double mean = (double) changes / spread.length;
    System.out.printf(
        "index key changes: %.4f per checkpoint (%d of %d); per %d s: mean %.1f, max %d spread,"
            + " max %d if buckets were aligned to the clock%n",
        perCheckpoint, changes, checkpoints, SLOT, mean, max(spread), max(aligned));
    assertThat(perCheckpoint).isCloseTo((double) PERIOD / WIDTH, Offset.offset(0.002));
    assertThat(max(spread)).as("no burst at a boundary").isLessThan((int) (2 * mean) + 10);
    assertThat(max(aligned)).as("what the offsets prevent").isGreaterThan((int) (20 * mean));
  }

  private static int max(int[] counts) {
    int max = 0;
    for (int count : counts) {
      max = Math.max(max, count);
    }
    return max;
  }
}
