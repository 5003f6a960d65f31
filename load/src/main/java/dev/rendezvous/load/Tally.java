package dev.rendezvous.load;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters of what happened, and the first few mismatches in detail. */
final class Tally {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final List<String> mismatches = new CopyOnWriteArrayList<>();
  private final LongAdder wrong = new LongAdder();

  void count(String what) {
    counts.computeIfAbsent(what, k -> new LongAdder()).increment();
  }

  /** An answer that contradicts the protocol. */
  void wrong(String what, String detail) {
    wrong.increment();
    count("WRONG " + what);
    if (mismatches.size() < 25) {
      mismatches.add(what + ": " + detail);
    }
  }

  long wrongCount() {
    return wrong.sum();
  }

  long get(String what) {
    LongAdder a = counts.get(what);
    return a == null ? 0 : a.sum();
  }

  Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  List<String> mismatches() {
    return mismatches;
  }
}
