package dev.rendezvous.testkit;

import static dev.rendezvous.testkit.Await.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {
  @Test
  void returnsOnceTheConditionHolds() {
    AtomicInteger polls = new AtomicInteger();

    awaitUntil(Duration.ofSeconds(5), () -> polls.incrementAndGet() >= 3, "three polls");

    assertThat(polls).hasValue(3);
  }

  @Test
  void failsWithWhatItWaitedForAfterTheTimeout() {
    long started = System.nanoTime();

    assertThatThrownBy(() -> awaitUntil(Duration.ofMillis(50), () -> false, "the impossible"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the impossible")
        .hasMessageContaining("50 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(50));
  }

  @Test
  void exceptionsAndFailedAssertionsMeanNotYetAndTheLastOneIsTheCause() {
    AtomicInteger polls = new AtomicInteger();
    awaitUntil(
        Duration.ofSeconds(5),
        () -> {
          if (polls.incrementAndGet() < 3) {
            throw new java.io.IOException("port still bound");
          }
          return true;
        },
        "the port");
    assertThat(polls).hasValue(3);

    assertThatThrownBy(
            () ->
                awaitUntil(
                    Duration.ofMillis(20),
                    () -> {
                      assertThat(1).as("one").isEqualTo(2);
                      return true;
                    },
                    "one to be two"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("one to be two")
        .cause()
        .hasMessageContaining("[one]");
  }
}
