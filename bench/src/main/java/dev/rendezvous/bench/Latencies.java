package dev.rendezvous.bench;

import java.util.Arrays;

/** Reply latencies of one run, in nanoseconds; single-threaded (the driver's event loop). */
final class Latencies {
  private long[] samples = new long[1 << 16];
  private int size;

  void add(long nanos) {
    if (size == samples.length) {
      samples = Arrays.copyOf(samples, size * 2);
    }
    samples[size++] = nanos;
  }

  int count() {
    return size;
  }

  /** The p-th percentile (0..100) in microseconds, nearest rank. */
  double percentileMicros(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(samples, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * size) - 1;
    return sorted[Math.max(0, Math.min(size - 1, rank))] / 1000.0;
  }
}
