package dev.rendezvous.edge.live;

import dev.rendezvous.edge.limit.BoundedLruMap;
import dev.rendezvous.protocol.identity.ClientId;

/**
 * At most {@link #CALLS_PER_MINUTE} calls from one caller to one callee in any 60 s, counted where
 * the callee's pushes go out (its owner). Each (caller, callee) pair keeps the times of its last
 * calls in a small ring, in a bounded map: a flood of distinct pairs evicts old pairs (failing open
 * for them), never grows the task.
 */
final class CallRateLimit {
  static final int CALLS_PER_MINUTE = 5;
  static final long WINDOW_MILLIS = 60_000;

  private final BoundedLruMap<Pair, long[]> recent;

  CallRateLimit(int maxPairs) {
    this.recent = new BoundedLruMap<>(maxPairs);
  }

  /** Counts a call at {@code nowMillis}: 0 when allowed, else the whole seconds to wait. */
  int tryCall(ClientId caller, ClientId callee, long nowMillis) {
    return recent.withEntry(
        new Pair(caller, callee),
        pair -> new long[CALLS_PER_MINUTE],
        (pair, ring) -> {
          int oldest = 0;
          for (int i = 1; i < ring.length; i++) {
            if (ring[i] < ring[oldest]) {
              oldest = i;
            }
          }
          long freeAt = ring[oldest] == 0 ? 0 : ring[oldest] + WINDOW_MILLIS;
          if (freeAt > nowMillis) {
            return (int) Math.max(1, (freeAt - nowMillis + 999) / 1000);
          }
          ring[oldest] = nowMillis;
          return 0;
        });
  }

  private record Pair(ClientId caller, ClientId callee) {}
}
