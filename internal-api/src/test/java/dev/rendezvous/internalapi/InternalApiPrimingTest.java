package dev.rendezvous.internalapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;

class InternalApiPrimingTest {
  @Test
  void aPrimingCallGoesThroughEveryTime() {
    assertThat(InternalApiPriming.prime(Clock.systemUTC())).isTrue();
    assertThat(InternalApiPriming.prime(Clock.systemUTC())).as("and again").isTrue();
  }
}
