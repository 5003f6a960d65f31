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
    clock.observe(Instant.ofEpochMilli(1_000), 5_000, 5_000); // server is behind: clock steps back
    assertThat(clock.nowMillis()).isEqualTo(1_000);
    assertThat(clock.nextCounter()).isEqualTo(5_002);
  }
}
