package dev.rendezvous.edge.live;

import java.util.Arrays;

/**
 * The live state of one shard: one slot per (client, family), held in parallel primitive arrays
 * (one column per field) and found through an open-addressing index; no object per client. Grows by
 * 1.5x up to its maximum. Not thread-safe: only the shard's event loop touches it.
 *
 * <p>A slot's {@link #generation} changes whenever it is freed, so an asynchronous callback that
 * captured (slot, generation) can tell whether the slot still holds the same client.
 */
public final class LiveTable {
  /** Slot states (4 bits of the state word). */
  public static final int FREE = 0;

  /** An authentic pulse was seen and a challenge sent; nothing owned yet. */
  public static final int CHALLENGED = 1;

  /** Taking over, deferred: queued, answered from memory meanwhile. */
  public static final int CLAIMED = 2;

  /** The takeover write is in flight. */
  public static final int TAKING = 3;

  /** Owned and ONLINE in memory. */
  public static final int OWNED = 4;

  /** Owned, and the PENDING transition is written. */
  public static final int PENDING = 5;

  /** Logged out or gone: the next pulse is answered 1060 once, then the slot is freed. */
  public static final int GONE = 6;

  private static final int PORT_MASK = 0xffff;
  private static final int V6_BIT = 1 << 16;
  private static final int STATE_SHIFT = 17;
  private static final int STATE_MASK = 0xf;
  private static final int FLAG_SHIFT = 21;
  private static final int MIN_CAPACITY = 16;

  private final int maxCapacity;
  private int capacity;
  private int highWater;
  private int freeHead = -1;
  private int size;

  private long[] idHi;
  private long[] idLo;
  private long[] macKey;
  private long[] addrHi;
  private long[] addrLo;
  private int[] word;
  private long[] epoch;
  private long[] counter;
  private long[] lastPulse;
  private long[] lease;
  private long[] due;
  private int[] generation;
  private int[] index;

  public LiveTable(int initialCapacity, int maxCapacity) {
    if (maxCapacity < 1) {
      throw new IllegalArgumentException("maxCapacity must be positive, got " + maxCapacity);
    }
    this.maxCapacity = maxCapacity;
    this.capacity = Math.min(maxCapacity, Math.max(MIN_CAPACITY, initialCapacity));
    idHi = new long[capacity];
    idLo = new long[capacity];
    macKey = new long[capacity * 4];
    addrHi = new long[capacity];
    addrLo = new long[capacity];
    word = new int[capacity];
    epoch = new long[capacity];
    counter = new long[capacity];
    lastPulse = new long[capacity];
    lease = new long[capacity];
    due = new long[capacity];
    generation = new int[capacity];
    index = new int[indexLength(capacity)];
  }

  /** Entries held now. */
  public int size() {
    return size;
  }

  /** Slots allocated now (grows up to {@link #maxCapacity()}). */
  public int capacity() {
    return capacity;
  }

  public int maxCapacity() {
    return maxCapacity;
  }

  /** The slot of (client id, family), or -1. */
  public int find(long hi, long lo, boolean v6) {
    int mask = index.length - 1;
    for (int i = hash(hi, lo, v6) & mask; ; i = (i + 1) & mask) {
      int entry = index[i];
      if (entry == 0) {
        return -1;
      }
      int slot = entry - 1;
      if (idHi[slot] == hi && idLo[slot] == lo && isV6(slot) == v6) {
        return slot;
      }
    }
  }

  /**
   * A new slot for (client id, family), which must not be present; -1 when the table is full. The
   * slot starts in state {@link #CHALLENGED} with every other column zero.
   */
  public int allocate(long hi, long lo, boolean v6) {
    if (size == capacity && !grow()) {
      return -1;
    }
    int slot;
    if (freeHead >= 0) {
      slot = freeHead;
      freeHead = (int) counter[slot];
    } else {
      slot = highWater++;
    }
    idHi[slot] = hi;
    idLo[slot] = lo;
    Arrays.fill(macKey, slot * 4, slot * 4 + 4, 0L);
    addrHi[slot] = 0;
    addrLo[slot] = 0;
    word[slot] = (v6 ? V6_BIT : 0) | (CHALLENGED << STATE_SHIFT);
    epoch[slot] = 0;
    counter[slot] = 0;
    lastPulse[slot] = 0;
    lease[slot] = 0;
    due[slot] = 0;
    insert(slot);
    size++;
    return slot;
  }

  /** Forgets the slot; its generation changes. */
  public void free(int slot) {
    if (state(slot) == FREE) {
      return;
    }
    remove(slot);
    word[slot] = 0;
    Arrays.fill(macKey, slot * 4, slot * 4 + 4, 0L);
    generation[slot]++;
    counter[slot] = freeHead;
    freeHead = slot;
    size--;
  }

  public int generation(int slot) {
    return generation[slot];
  }

  public long idHi(int slot) {
    return idHi[slot];
  }

  public long idLo(int slot) {
    return idLo[slot];
  }

  public boolean isV6(int slot) {
    return (word[slot] & V6_BIT) != 0;
  }

  public int state(int slot) {
    return (word[slot] >>> STATE_SHIFT) & STATE_MASK;
  }

  public void setState(int slot, int state) {
    word[slot] = (word[slot] & ~(STATE_MASK << STATE_SHIFT)) | (state << STATE_SHIFT);
  }

  /** True when every bit of {@code flag} (see {@link SlotFlags}) is set. */
  public boolean hasFlag(int slot, int flag) {
    return ((word[slot] >>> FLAG_SHIFT) & flag) == flag;
  }

  public void setFlag(int slot, int flag, boolean on) {
    int bits = flag << FLAG_SHIFT;
    word[slot] = on ? word[slot] | bits : word[slot] & ~bits;
  }

  public int port(int slot) {
    return word[slot] & PORT_MASK;
  }

  public long addrHi(int slot) {
    return addrHi[slot];
  }

  public long addrLo(int slot) {
    return addrLo[slot];
  }

  /** Records the address (see {@link Addresses}) and port. */
  public void setAddress(int slot, long hi, long lo, int port) {
    addrHi[slot] = hi;
    addrLo[slot] = lo;
    word[slot] = (word[slot] & ~PORT_MASK) | (port & PORT_MASK);
  }

  /** True when the slot's recorded address and port are these. */
  public boolean hasAddress(int slot, long hi, long lo, int port) {
    return addrHi[slot] == hi && addrLo[slot] == lo && port(slot) == port;
  }

  /** The pulse MAC key as 32 bytes. */
  public byte[] macKey(int slot) {
    byte[] out = new byte[32];
    for (int i = 0; i < 4; i++) {
      long v = macKey[slot * 4 + i];
      for (int b = 0; b < 8; b++) {
        out[i * 8 + b] = (byte) (v >>> (56 - 8 * b));
      }
    }
    return out;
  }

  public void setMacKey(int slot, byte[] key) {
    for (int i = 0; i < 4; i++) {
      long v = 0;
      for (int b = 0; b < 8; b++) {
        v = (v << 8) | (key[i * 8 + b] & 0xff);
      }
      macKey[slot * 4 + i] = v;
    }
  }

  public long epoch(int slot) {
    return epoch[slot];
  }

  public void setEpoch(int slot, long value) {
    epoch[slot] = value;
  }

  /** The highest v2 counter accepted in memory (0 for v1). */
  public long counter(int slot) {
    return counter[slot];
  }

  public void setCounter(int slot, long value) {
    counter[slot] = value;
  }

  /** The last accepted pulse (or verify), epoch milliseconds. */
  public long lastPulse(int slot) {
    return lastPulse[slot];
  }

  public void setLastPulse(int slot, long millis) {
    lastPulse[slot] = millis;
  }

  /**
   * Owned: the onlineUntil this task last wrote. Challenged or claimed: the previous owner's
   * onlineUntil, which a deferred takeover must land before.
   */
  public long lease(int slot) {
    return lease[slot];
  }

  public void setLease(int slot, long millis) {
    lease[slot] = millis;
  }

  /** Owned: the next checkpoint. Challenged or claimed: when this task first saw the client. */
  public long due(int slot) {
    return due[slot];
  }

  public void setDue(int slot, long millis) {
    due[slot] = millis;
  }

  /** Calls {@code action} with every slot in use (for shutdown and tests). */
  public void forEach(java.util.function.IntConsumer action) {
    for (int slot = 0; slot < highWater; slot++) {
      if (state(slot) != FREE) {
        action.accept(slot);
      }
    }
  }

  private boolean grow() {
    if (capacity >= maxCapacity) {
      return false;
    }
    int next =
        (int) Math.min(maxCapacity, Math.max(MIN_CAPACITY, capacity + (long) (capacity >> 1)));
    idHi = Arrays.copyOf(idHi, next);
    idLo = Arrays.copyOf(idLo, next);
    macKey = Arrays.copyOf(macKey, next * 4);
    addrHi = Arrays.copyOf(addrHi, next);
    addrLo = Arrays.copyOf(addrLo, next);
    word = Arrays.copyOf(word, next);
    epoch = Arrays.copyOf(epoch, next);
    counter = Arrays.copyOf(counter, next);
    lastPulse = Arrays.copyOf(lastPulse, next);
    lease = Arrays.copyOf(lease, next);
    due = Arrays.copyOf(due, next);
    generation = Arrays.copyOf(generation, next);
    capacity = next;
    if (indexLength(next) > index.length) {
      index = new int[indexLength(next)];
      for (int slot = 0; slot < highWater; slot++) {
        if (state(slot) != FREE) {
          insert(slot);
        }
      }
    }
    return true;
  }

  private void insert(int slot) {
    int mask = index.length - 1;
    int i = hash(idHi[slot], idLo[slot], isV6(slot)) & mask;
    while (index[i] != 0) {
      i = (i + 1) & mask;
    }
    index[i] = slot + 1;
  }

  /** Linear probing deletion by backward shift: no tombstones, probes stay short. */
  private void remove(int slot) {
    int mask = index.length - 1;
    int i = hash(idHi[slot], idLo[slot], isV6(slot)) & mask;
    while (index[i] != slot + 1) {
      i = (i + 1) & mask;
    }
    int hole = i;
    for (int j = (hole + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
      int other = index[j] - 1;
      int home = hash(idHi[other], idLo[other], isV6(other)) & mask;
      // Move it into the hole unless its home lies cyclically in (hole, j].
      boolean homeBetween = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
      if (!homeBetween) {
        index[hole] = index[j];
        hole = j;
      }
    }
    index[hole] = 0;
  }

  private static int indexLength(int capacity) {
    return Integer.highestOneBit(Math.max(2, capacity * 2 - 1)) << 1;
  }

  static int hash(long hi, long lo, boolean v6) {
    long h = (lo ^ Long.rotateLeft(hi, 29)) * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 32) ^ (v6 ? 0x5bd1e995 : 0);
  }
}
