package dev.rendezvous.store.dynamodb;

import dev.rendezvous.protocol.identity.ClientId;

/**
 * Maps a client's expiry time to its sweep-index partition {@code "<bucket>.<shard>"}. Each
 * client's bucket boundaries are shifted by its own offset ({@code hash(client_id) mod width}), so
 * that the moments at which live clients move to a new index key are spread evenly over time
 * instead of all falling on the same clock boundary (a hot index key at scale).
 *
 * <p>Client {@code c} with offset {@code o} is filed in bucket {@code floor((expires + o) /
 * width)}. Bucket {@code b} holds, for every client, only expiry times before {@code (b + 1) *
 * width - o <= (b + 1) * width}; so once the clock passes {@code (b + 1) * width} every entry filed
 * in it has expired (unless its client came back to life and moved on). A client is therefore found
 * by the sweep at most {@code 2 * width} after it expired.
 */
final class SweepBuckets {
  private final long widthSeconds;
  private final int shards;

  SweepBuckets(long widthSeconds, int shards) {
    this.widthSeconds = widthSeconds;
    this.shards = shards;
  }

  long widthSeconds() {
    return widthSeconds;
  }

  /** The client's offset in seconds, in {@code [0, width)}: from client_id bytes 1..4. */
  long offsetSeconds(ClientId clientId) {
    byte[] id = clientId.toBytes();
    long hash =
        ((id[1] & 0xffL) << 24)
            | ((id[2] & 0xffL) << 16)
            | ((id[3] & 0xffL) << 8)
            | (id[4] & 0xffL);
    return hash % widthSeconds;
  }

  long bucketOf(ClientId clientId, long expiresAtEpochSeconds) {
    return Math.floorDiv(expiresAtEpochSeconds + offsetSeconds(clientId), widthSeconds);
  }

  /** The newest bucket whose whole range lies before {@code nowEpochSeconds}, for every client. */
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
    return partition(bucketOf(clientId, expiresAtEpochSeconds), shardOf(clientId));
  }
}
