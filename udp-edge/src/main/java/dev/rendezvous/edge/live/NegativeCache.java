package dev.rendezvous.edge.live;

/**
 * Client ids the directory recently said do not exist, so that junk pulses for them cost no storage
 * read. Direct-mapped and fixed in size (a colliding id replaces the older one), so nothing grows
 * under a flood of random ids: the worst a flood does is evict entries, which only costs a read
 * again, under the per-source limit. Entries live for a fixed time. Not thread-safe: one per shard.
 */
public final class NegativeCache {
  private final long[] hi;
  private final long[] lo;
  private final long[] untilMillis;
  private final int mask;
  private final long ttlMillis;

  /**
   * @param entries rounded up to a power of two
   * @param ttlMillis how long "no such client" is believed
   */
  public NegativeCache(int entries, long ttlMillis) {
    int size = Integer.highestOneBit(Math.max(1, entries - 1)) << 1;
    this.hi = new long[size];
    this.lo = new long[size];
    this.untilMillis = new long[size];
    this.mask = size - 1;
    this.ttlMillis = ttlMillis;
  }

  /** True when the id was recently found absent. */
  public boolean contains(long idHi, long idLo, long nowMillis) {
    int i = index(idHi, idLo);
    return hi[i] == idHi && lo[i] == idLo && untilMillis[i] > nowMillis;
  }

  /** Remembers that the id does not exist. */
  public void add(long idHi, long idLo, long nowMillis) {
    int i = index(idHi, idLo);
    hi[i] = idHi;
    lo[i] = idLo;
    untilMillis[i] = nowMillis + ttlMillis;
  }

  /** Forgets the id (it exists after all). */
  public void remove(long idHi, long idLo) {
    int i = index(idHi, idLo);
    if (hi[i] == idHi && lo[i] == idLo) {
      untilMillis[i] = 0;
    }
  }

  private int index(long idHi, long idLo) {
    long h = (idHi ^ Long.rotateLeft(idLo, 17)) * 0xC2B2AE3D27D4EB4FL;
    return (int) (h >>> 40) & mask;
  }
}
