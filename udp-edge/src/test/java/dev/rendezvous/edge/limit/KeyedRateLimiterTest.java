package dev.rendezvous.edge.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyedRateLimiterTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));

  @Test
  void allowsTheBurstThenTheRate() {
    KeyedRateLimiter<String> limiter = new KeyedRateLimiter<>(2, 3, 100, clock);

    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isFalse();

    clock.advance(Duration.ofMillis(500)); // 2 per second: one token back
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isFalse();
  }

  @Test
  void keysHaveTheirOwnBuckets() {
    KeyedRateLimiter<String> limiter = new KeyedRateLimiter<>(1, 1, 100, clock);

    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isFalse();
    assertThat(limiter.tryAcquire("b")).isTrue();
  }

  @Test
  void refillNeverExceedsTheBurst() {
    KeyedRateLimiter<String> limiter = new KeyedRateLimiter<>(100, 2, 100, clock);
    limiter.tryAcquire("a");
    clock.advance(Duration.ofHours(1));

    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isFalse();
  }

  @Test
  void memoryStaysBoundedUnderAFloodOfKeys() {
    KeyedRateLimiter<Integer> limiter = new KeyedRateLimiter<>(1, 1, 1000, clock);
    for (int i = 0; i < 200_000; i++) {
      limiter.tryAcquire(i);
    }
    assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(1008);
  }
}
