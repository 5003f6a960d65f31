package dev.rendezvous.edge.observe;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Storage latency since the last drain, as the count, sum, minimum and maximum CloudWatch takes in
 * a statistic set. Lock-free on the record path.
 */
public final class LatencyWindow {
  private final LongAdder count = new LongAdder();
  private final LongAdder sumMicros = new LongAdder();
  private final LongAccumulator maxMicros = new LongAccumulator(Math::max, 0);
  private final LongAccumulator minMicros = new LongAccumulator(Math::min, Long.MAX_VALUE);

  public void record(long micros) {
    count.increment();
    sumMicros.add(micros);
    maxMicros.accumulate(micros);
    minMicros.accumulate(micros);
  }

  /** Returns the window so far and starts a new one (records racing a drain go to either). */
  public Snapshot drain() {
    long n = count.sumThenReset();
    long sum = sumMicros.sumThenReset();
    long max = maxMicros.getThenReset();
    long min = minMicros.getThenReset();
    return new Snapshot(n, sum / 1000.0, n == 0 ? 0 : min / 1000.0, max / 1000.0);
  }

  /** One window of latencies, in milliseconds. */
  public record Snapshot(long count, double sumMillis, double minMillis, double maxMillis) {}
}
