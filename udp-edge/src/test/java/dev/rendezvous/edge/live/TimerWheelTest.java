package dev.rendezvous.edge.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimerWheelTest {

  @Test
  void everyTimerFiresOnceAtItsTickNeverEarlyEvenManyRevolutionsAhead() {
    TimerWheel wheel = new TimerWheel(64, 100, 0);
    wheel.ensureCapacity(1_000);
    Map<Integer, Long> deadlines = new HashMap<>();
    Random random = new Random(7);
    for (int slot = 0; slot < 1_000; slot++) {
      long d = 1L + random.nextInt(60_000); // up to ~9 revolutions
      wheel.schedule(slot, d);
      deadlines.put(slot, d);
    }
    Map<Integer, Long> firedAt = new HashMap<>();
    for (long now = 0; now <= 61_000; now += 37) {
      long at = now;
      wheel.advance(now, slot -> firedAt.put(slot, at));
    }
    assertThat(firedAt).hasSize(1_000);
    for (Map.Entry<Integer, Long> e : firedAt.entrySet()) {
      long deadline = deadlines.get(e.getKey());
      assertThat(e.getValue()).isGreaterThanOrEqualTo(deadline).isLessThan(deadline + 100 + 37);
    }
    assertThat(wheel.scheduled()).isZero();
  }

  @Test
  void rescheduleAndCancelReplaceTheOneTimer() {
    TimerWheel wheel = new TimerWheel(16, 10, 0);
    wheel.ensureCapacity(3);
    wheel.schedule(0, 50);
    wheel.schedule(0, 500);
    wheel.schedule(1, 50);
    wheel.cancel(1);
    wheel.schedule(2, 20);
    List<Integer> fired = new ArrayList<>();

    wheel.advance(100, fired::add);
    assertThat(fired).containsExactly(2);
    wheel.advance(600, fired::add);
    assertThat(fired).containsExactly(2, 0);
  }

  @Test
  void aJumpLongerThanARevolutionFiresEverythingDue() {
    TimerWheel wheel = new TimerWheel(8, 10, 0);
    wheel.ensureCapacity(2);
    wheel.schedule(0, 15);
    wheel.schedule(1, 10_000);
    List<Integer> fired = new ArrayList<>();

    wheel.advance(5_000, fired::add);

    assertThat(fired).containsExactly(0);
    assertThat(wheel.isScheduled(1)).isTrue();
  }

  @Test
  void aTimerSetInThePastOrFromItsOwnFiringRunsAtTheNextAdvance() {
    TimerWheel wheel = new TimerWheel(8, 10, 1_000);
    wheel.ensureCapacity(1);
    wheel.schedule(0, 500);
    List<Long> fired = new ArrayList<>();

    wheel.advance(
        1_010,
        s -> {
          fired.add(1_010L);
          wheel.schedule(s, 0);
        });
    wheel.advance(1_020, s -> fired.add(1_020L));

    assertThat(fired).containsExactly(1_010L, 1_020L);
  }
}
