package dev.rendezvous.client.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {
  @Test
  void eachSequenceIsAcceptedOnceAndOldOnesNever() {
    ReplayWindow window = new ReplayWindow();
    assertThat(window.accept(0)).as("zero is never a sequence").isFalse();
    assertThat(window.accept(1)).isTrue();
    assertThat(window.accept(1)).as("a replay").isFalse();
    assertThat(window.accept(5)).isTrue();
    assertThat(window.accept(3)).as("late but new").isTrue();
    assertThat(window.accept(3)).isFalse();
    assertThat(window.accept(200)).isTrue();
    assertThat(window.accept(200 - 63)).as("the oldest in the window").isTrue();
    assertThat(window.accept(200 - 64)).as("older than the window").isFalse();
    assertThat(window.accept(5)).isFalse();
    assertThat(window.accept(Long.MAX_VALUE)).isTrue();
    assertThat(window.accept(Long.MAX_VALUE)).isFalse();
  }
}
