package dev.rendezvous.edge.live;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * A hashed timer wheel over the slots of a {@link LiveTable}: each slot has at most one deadline
 * (epoch milliseconds). Buckets are intrusive doubly linked lists through three columns (next,
 * previous, deadline), so a timer costs 16 bytes per slot and no object. A deadline more than one
 * revolution away stays in its bucket and is skipped until due. Not thread-safe: only the shard's
 * event loop touches it.
 */
public final class TimerWheel {
  private static final int UNSCHEDULED = -2;
  private static final int NONE = -1;

  private final long tickMillis;
  private final int mask;
  private final int[] heads;
  private int[] next = new int[0];
  private int[] prev = new int[0];
  private long[] deadline = new long[0];
  private long lastTick;
  private int scheduled;

  /**
   * @param buckets a power of two
   * @param tickMillis the wheel's resolution
   * @param nowMillis the start
   */
  public TimerWheel(int buckets, long tickMillis, long nowMillis) {
    if (Integer.bitCount(buckets) != 1 || tickMillis < 1) {
      throw new IllegalArgumentException("buckets must be a power of two and the tick positive");
    }
    this.tickMillis = tickMillis;
    this.mask = buckets - 1;
    this.heads = new int[buckets];
    Arrays.fill(heads, NONE);
    this.lastTick = Math.floorDiv(nowMillis, tickMillis);
  }

  /** Makes room for slots 0 .. capacity-1. */
  public void ensureCapacity(int capacity) {
    int old = next.length;
    if (capacity <= old) {
      return;
    }
    next = Arrays.copyOf(next, capacity);
    prev = Arrays.copyOf(prev, capacity);
    deadline = Arrays.copyOf(deadline, capacity);
    Arrays.fill(prev, old, capacity, UNSCHEDULED);
  }

  /** Timers waiting now. */
  public int scheduled() {
    return scheduled;
  }

  public boolean isScheduled(int slot) {
    return slot < prev.length && prev[slot] != UNSCHEDULED;
  }

  /** The slot's deadline (meaningful while scheduled). */
  public long deadline(int slot) {
    return deadline[slot];
  }

  /** Sets (or moves) the slot's one timer. A deadline already past fires at the next advance. */
  public void schedule(int slot, long deadlineMillis) {
    cancel(slot);
    // The first tick at or after the deadline: when that tick is processed, the timer is due.
    long tick = Math.max(Math.floorDiv(deadlineMillis + tickMillis - 1, tickMillis), lastTick + 1);
    int bucket = (int) (tick & mask);
    deadline[slot] = deadlineMillis;
    int head = heads[bucket];
    next[slot] = head;
    prev[slot] = NONE - 2 - bucket; // "head of bucket b" is encoded as -3 - b
    if (head != NONE) {
      prev[head] = slot;
    }
    heads[bucket] = slot;
    scheduled++;
  }

  /** Removes the slot's timer, if any. */
  public void cancel(int slot) {
    if (!isScheduled(slot)) {
      return;
    }
    int p = prev[slot];
    int n = next[slot];
    if (p >= 0) {
      next[p] = n;
    } else {
      heads[-3 - p] = n;
    }
    if (n != NONE) {
      prev[n] = p;
    }
    prev[slot] = UNSCHEDULED;
    scheduled--;
  }

  /**
   * Fires, in no particular order, every timer whose deadline is at or before {@code nowMillis}.
   * The action may schedule or cancel the fired slot (not other slots).
   *
   * @return how many fired
   */
  public int advance(long nowMillis, IntConsumer action) {
    long nowTick = Math.floorDiv(nowMillis, tickMillis);
    if (nowTick <= lastTick) {
      return 0;
    }
    long steps = Math.min(nowTick - lastTick, heads.length);
    long from = lastTick + 1;
    lastTick = nowTick;
    int fired = 0;
    for (long t = from; t < from + steps; t++) {
      int slot = heads[(int) (t & mask)];
      while (slot != NONE) {
        int following = next[slot];
        if (deadline[slot] <= nowMillis) {
          cancel(slot);
          fired++;
          action.accept(slot);
        }
        slot = following;
      }
    }
    return fired;
  }
}
