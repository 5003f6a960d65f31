package dev.rendezvous.edge.live;

import java.util.Arrays;

/**
 * Deferred takeovers of one shard, earliest deadline first: a binary min-heap of (deadline, slot,
 * generation) in three primitive columns. The shard drains it at its takeover rate; an entry whose
 * slot changed since (other generation, no longer claimed) is skipped by the shard. Not
 * thread-safe.
 */
public final class TakeoverQueue {
  private long[] deadline = new long[16];
  private int[] slot = new int[16];
  private int[] generation = new int[16];
  private int size;

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public void push(long deadlineMillis, int slotIndex, int slotGeneration) {
    if (size == deadline.length) {
      int grown = size * 2;
      deadline = Arrays.copyOf(deadline, grown);
      slot = Arrays.copyOf(slot, grown);
      generation = Arrays.copyOf(generation, grown);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (deadline[parent] <= deadlineMillis) {
        break;
      }
      move(parent, i);
      i = parent;
    }
    set(i, deadlineMillis, slotIndex, slotGeneration);
  }

  /** The earliest deadline; only while not empty. */
  public long peekDeadline() {
    return deadline[0];
  }

  public int peekSlot() {
    return slot[0];
  }

  public int peekGeneration() {
    return generation[0];
  }

  /** Removes the earliest entry. */
  public void pop() {
    size--;
    if (size == 0) {
      return;
    }
    long d = deadline[size];
    int s = slot[size];
    int g = generation[size];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && deadline[child + 1] < deadline[child]) {
        child++;
      }
      if (deadline[child] >= d) {
        break;
      }
      move(child, i);
      i = child;
    }
    set(i, d, s, g);
  }

  private void move(int from, int to) {
    set(to, deadline[from], slot[from], generation[from]);
  }

  private void set(int i, long d, int s, int g) {
    deadline[i] = d;
    slot[i] = s;
    generation[i] = g;
  }
}
