package dev.rendezvous.edge.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Storage latencies since the last drain, as a fixed-bucket histogram: CloudWatch takes it as
 * {@code Values}/{@code Counts} arrays, from which it computes percentiles (p50, p99) exactly to
 * the bucket. Lock-free on the record path; memory is fixed.
 */
public final class LatencyWindow {
  /** Bucket upper bounds, in milliseconds; the last bucket takes everything slower. */
  static final double[] BOUNDS_MILLIS = {
    0.25, 0.5, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 65, 80, 100, 130, 160, 200, 250,
    300, 400, 500, 650, 800, 1000, 1300, 1600, 2000, 3000, 5000, 10000
  };

  private final AtomicLongArray counts = new AtomicLongArray(BOUNDS_MILLIS.length);

  public void record(long micros) {
    double millis = micros / 1000.0;
    int i = 0;
    while (i < BOUNDS_MILLIS.length - 1 && millis > BOUNDS_MILLIS[i]) {
      i++;
    }
    counts.incrementAndGet(i);
  }

  /** Returns the window so far (non-empty buckets only) and starts a new one. */
  public Snapshot drain() {
    List<Double> values = new ArrayList<>();
    List<Double> bucketCounts = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < BOUNDS_MILLIS.length; i++) {
      long n = counts.getAndSet(i, 0);
      if (n > 0) {
        values.add(BOUNDS_MILLIS[i]);
        bucketCounts.add((double) n);
        total += n;
      }
    }
    return new Snapshot(total, List.copyOf(values), List.copyOf(bucketCounts));
  }

  /**
   * One window: each value is a bucket's upper bound in milliseconds, with how many calls fell in
   * it.
   */
  public record Snapshot(long count, List<Double> valuesMillis, List<Double> counts) {}
}
