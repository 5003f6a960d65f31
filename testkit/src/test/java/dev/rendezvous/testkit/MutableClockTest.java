package dev.rendezvous.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MutableClockTest {
  @Test
  void aFrozenClockMovesOnlyWhenTheTestMovesIt() {
    MutableClock clock = MutableClock.startingAt("2026-11-26T12:00:00Z");

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
    clock.advance(Duration.ofMillis(1500));
    clock.advanceSeconds(2);
    assertThat(clock.millis()).isEqualTo(Instant.parse("2026-11-26T12:00:03.500Z").toEpochMilli());
    clock.set(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Test
  void aFollowingClockIsSystemTimePlusWhatTheTestAdded() {
    MutableClock clock = MutableClock.followingSystemTime();
    clock.advance(Duration.ofHours(1));

    long expected = System.currentTimeMillis() + Duration.ofHours(1).toMillis();
    assertThat(clock.millis()).isBetween(expected - 5_000, expected + 5_000);
  }

  @Test
  void aTickingClockMovesOnAfterEveryRead() {
    MutableClock clock = MutableClock.startingAt("2026-11-26T12:00:00Z");
    clock.advanceOnEveryRead(Duration.ofMillis(1));

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-26T12:00:00.001Z"));
    clock.set(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-01T00:00:00.001Z"));
  }
}
