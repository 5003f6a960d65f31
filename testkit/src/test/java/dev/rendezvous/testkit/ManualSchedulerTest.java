package dev.rendezvous.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ManualSchedulerTest {
  private static final Instant START = Instant.parse("2026-11-26T12:00:00Z");
  private final ManualScheduler scheduler = ManualScheduler.startingAt(START);
  private final List<String> ran = new CopyOnWriteArrayList<>();

  private Runnable log(String name) {
    return () -> ran.add(name + "@" + scheduler.elapsed().toMillis());
  }

  @Test
  void nothingRunsUntilTimeMovesThenTasksRunInTimeOrderAtTheirOwnTime() {
    var unusedB = scheduler.schedule(log("b"), 200, TimeUnit.MILLISECONDS);
    var unusedA = scheduler.schedule(log("a"), 100, TimeUnit.MILLISECONDS);
    scheduler.execute(log("now"));
    assertThat(ran).isEmpty();
    scheduler.advance(Duration.ofMillis(199));
    assertThat(ran).containsExactly("now@0", "a@100");
    assertThat(scheduler.clock().instant()).isEqualTo(START.plusMillis(199));
    scheduler.advance(Duration.ofMillis(1));
    assertThat(ran).containsExactly("now@0", "a@100", "b@200");
  }

  @Test
  void tiesRunInTheOrderTheyWereScheduledAndTasksMayScheduleMore() {
    var unusedFirst = scheduler.schedule(log("first"), 1, TimeUnit.SECONDS);
    var unusedSecond =
        scheduler.schedule(
            () -> {
              ran.add("second@" + scheduler.elapsed().toMillis());
              var unusedChild = scheduler.schedule(log("child"), 0, TimeUnit.SECONDS);
              var unusedLater = scheduler.schedule(log("later"), 5, TimeUnit.SECONDS);
            },
            1,
            TimeUnit.SECONDS);
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(ran).containsExactly("first@1000", "second@1000", "child@1000");
    assertThat(scheduler.advanceToNextTask()).isTrue();
    assertThat(ran).endsWith("later@6000");
    assertThat(scheduler.advanceToNextTask()).isFalse();
  }

  @Test
  void fixedDelayAndFixedRateRepeatUntilCancelled() {
    ScheduledFuture<?> delay =
        scheduler.scheduleWithFixedDelay(log("d"), 0, 300, TimeUnit.MILLISECONDS);
    ScheduledFuture<?> rate =
        scheduler.scheduleAtFixedRate(log("r"), 100, 500, TimeUnit.MILLISECONDS);
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(ran).containsExactly("d@0", "r@100", "d@300", "r@600", "d@600", "d@900");
    delay.cancel(false);
    rate.cancel(false);
    assertThat(scheduler.queuedTasks()).isZero();
    scheduler.advance(Duration.ofSeconds(10));
    assertThat(ran).hasSize(6);
    assertThat(delay.isCancelled()).isTrue();
  }

  @Test
  void shutdownDropsQueuedTasksAndRefusesNewOnes() {
    ScheduledFuture<?> pending = scheduler.schedule(log("x"), 1, TimeUnit.SECONDS);
    assertThat(pending.getDelay(TimeUnit.MILLISECONDS)).isEqualTo(1000);
    assertThat(scheduler.shutdownNow()).hasSize(1);
    scheduler.advance(Duration.ofSeconds(2));
    assertThat(ran).isEmpty();
    assertThat(scheduler.isTerminated()).isTrue();
    assertThatThrownBy(() -> scheduler.execute(log("y")))
        .isInstanceOf(RejectedExecutionException.class);
  }
}
