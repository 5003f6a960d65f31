package dev.rendezvous.edge.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyWindowTest {

  @Test
  void bucketsByUpperBoundAndDrainsToEmpty() {
    LatencyWindow window = new LatencyWindow();
    window.record(900); // 0.9 ms -> the 1 ms bucket
    window.record(1000); // exactly 1 ms -> the 1 ms bucket
    window.record(7_000); // 7 ms -> the 8 ms bucket
    window.record(60_000_000); // 60 s -> the last bucket

    LatencyWindow.Snapshot s = window.drain();

    assertThat(s.count()).isEqualTo(4);
    assertThat(s.valuesMillis()).containsExactly(1.0, 8.0, 10000.0);
    assertThat(s.counts()).containsExactly(2.0, 1.0, 1.0);
    assertThat(window.drain().count()).isZero();
  }
}
