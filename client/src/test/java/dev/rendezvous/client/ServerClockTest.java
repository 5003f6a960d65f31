package dev.rendezvous.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ServerClockTest {
  @Test
  void correctsByTheServerTimeAtTheMidpointOfTheRequest() {
    ServerClock clock = new ServerClock(Clock.fixed(Instant.ofEpochMilli(10_000), ZoneOffset.UTC));
    assertThat(clock.isCorrected()).isFalse();
    assertThat(clock.nowMillis()).isEqualTo(10_000);
    clock.observe(Instant.ofEpochMilli(70_000), 9_900, 10_100);
    assertThat(clock.offsetMillis()).isEqualTo(60_000);
    assertThat(clock.nowMillis()).isEqualTo(70_000);
  }

  @Test
  void countersAreStrictlyIncreasingEvenWhenTheClockStandsStillOrStepsBack() {
    ServerClock clock = new ServerClock(Clock.fixed(Instant.ofEpochMilli(5_000), ZoneOffset.UTC));
    long first = clock.nextCounter();
    assertThat(first).isEqualTo(5_000);
    assertThat(clock.nextCounter()).isEqualTo(5_001);
    clock.accepted(5_001);
    clock.observe(Instant.ofEpochMilli(1_000), 5_000, 5_000); // server is behind: clock steps back
    assertThat(clock.nowMillis()).isEqualTo(1_000);
    assertThat(clock.nextCounter()).isEqualTo(5_002);
  }

  @Test
  void aCorrectionBackwardsReleasesCountersThatWereNeverAccepted() {
    ServerClock clock =
        new ServerClock(Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC));
    long accepted = clock.nextCounter(); // 1_000_000, accepted by the edge
    clock.accepted(accepted);
    clock.nextCounter(); // 1_000_001: sent, never accepted (clock too far ahead)
    clock.observe(Instant.ofEpochMilli(400_000), 1_000_000, 1_000_000); // 600 s ahead
    // the corrected time is below the accepted counter: stay just above it, no higher
    assertThat(clock.nextCounter()).isEqualTo(1_000_001);

    ServerClock fresh =
        new ServerClock(Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC));
    fresh.nextCounter(); // never accepted
    fresh.observe(Instant.ofEpochMilli(400_000), 1_000_000, 1_000_000);
    assertThat(fresh.nextCounter()).isEqualTo(400_000);
  }
}
