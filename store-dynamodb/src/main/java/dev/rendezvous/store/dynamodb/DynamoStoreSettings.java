package dev.rendezvous.store.dynamodb;

/**
 * Settings of the DynamoDB store.
 *
 * @param tableName the clients table
 * @param sweepBucketSeconds width of an expiry bucket: a live client's sweep-index key changes only
 *     when its expiry crosses into its next bucket, once every {@code sweepBucketSeconds}; the
 *     sweep finds a client at most twice this long after it expired (store-dynamodb/README.md has
 *     the arithmetic)
 * @param sweepShards how many index partitions one bucket is spread over, so that no single index
 *     key takes more than a small share of the writes
 * @param sweepLookbackBuckets how far back a sweep with no cursor yet starts
 */
public record DynamoStoreSettings(
    String tableName, long sweepBucketSeconds, int sweepShards, int sweepLookbackBuckets) {

  public static final long DEFAULT_SWEEP_BUCKET_SECONDS = 4 * 3600;
  public static final int DEFAULT_SWEEP_SHARDS = 16;
  public static final int DEFAULT_SWEEP_LOOKBACK_BUCKETS = 6;

  public DynamoStoreSettings {
    if (sweepBucketSeconds < 1) {
      throw new IllegalArgumentException("sweep bucket must be at least 1 s");
    }
    if (sweepShards < 1 || sweepShards > 256) {
      throw new IllegalArgumentException("sweep shards must be 1..256");
    }
    if (sweepLookbackBuckets < 1) {
      throw new IllegalArgumentException("sweep lookback must be at least one bucket");
    }
  }

  public static DynamoStoreSettings forTable(String tableName) {
    return new DynamoStoreSettings(
        tableName,
        DEFAULT_SWEEP_BUCKET_SECONDS,
        DEFAULT_SWEEP_SHARDS,
        DEFAULT_SWEEP_LOOKBACK_BUCKETS);
  }

  public DynamoStoreSettings withSweepBucketSeconds(long seconds) {
    return new DynamoStoreSettings(tableName, seconds, sweepShards, sweepLookbackBuckets);
  }
}
