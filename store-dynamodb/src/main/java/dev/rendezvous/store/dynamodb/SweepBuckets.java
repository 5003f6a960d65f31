package dev.rendezvous.store.dynamodb;

import dev.rendezvous.protocol.identity.ClientId;

/**
 * Maps an expiry time to its sweep-index partition {@code "<bucket>.<shard>"}. A bucket holds the
 * clients whose expiry falls in {@code [bucket * width, (bucket + 1) * width)} seconds; it is
 * complete (every client in it has expired, unless it pulsed since and moved on) once the clock
 * passes its end.
 */
final class SweepBuckets {
  private final long widthSeconds;
  private final int shards;

  SweepBuckets(long widthSeconds, int shards) {
    this.widthSeconds = widthSeconds;
    this.shards = shards;
  }

  long bucketOf(long expiresAtEpochSeconds) {
    return Math.floorDiv(expiresAtEpochSeconds, widthSeconds);
  }

  /** The newest bucket whose whole range lies before {@code nowEpochSeconds}. */
  long lastCompleteBucket(long nowEpochSeconds) {
    return Math.floorDiv(nowEpochSeconds, widthSeconds) - 1;
  }

  int shardOf(ClientId clientId) {
    return clientId.firstByteUnsigned() % shards;
  }

  int shards() {
    return shards;
  }

  String partition(long bucket, int shard) {
    return bucket + "." + shard;
  }

  String partitionFor(ClientId clientId, long expiresAtEpochSeconds) {
    return partition(bucketOf(expiresAtEpochSeconds), shardOf(clientId));
  }
}
