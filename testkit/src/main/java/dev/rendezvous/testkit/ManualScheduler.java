package dev.rendezvous.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} on virtual time, for code that takes its scheduler and clock
 * as arguments: nothing runs until the test calls {@link #advance(Duration)} or {@link
 * #runDueTasks()}; then every task due by then runs on the test's thread, in time order (ties in
 * the order they were scheduled), with {@link #clock()} moved to each task's time first. Any thread
 * may schedule; tasks run only on the thread that advances. So a test can say "after 2 s exactly
 * the second pulse went out, not at 1.999 s" without sleeping.
 */
public final class ManualScheduler extends AbstractExecutorService
    implements ScheduledExecutorService {
  private final MutableClock clock;
  private final PriorityQueue<Task<?>> queue = new PriorityQueue<>(); // guarded by this
  private long nowNanos; // virtual time since creation; guarded by this
  private long scheduled; // guarded by this
  private boolean shutdown; // guarded by this

  /** A scheduler whose time starts at {@code clock}'s instant and moves it along. */
  public ManualScheduler(MutableClock clock) {
    this.clock = clock;
  }

  /** A scheduler with its own frozen clock at {@code start}. */
  public static ManualScheduler startingAt(Instant start) {
    return new ManualScheduler(MutableClock.startingAt(start));
  }

  /** The clock this scheduler moves: give it to the code under test. */
  public MutableClock clock() {
    return clock;
  }

  /** Virtual time since this scheduler was made. */
  public synchronized Duration elapsed() {
    return Duration.ofNanos(nowNanos);
  }

  /** Tasks waiting to run (cancelled ones are removed at once). */
  public synchronized int queuedTasks() {
    return queue.size();
  }

  /** Runs the tasks that are due now (including ones they schedule for now). */
  public void runDueTasks() {
    advance(Duration.ZERO);
  }

  /**
   * Moves time forward by {@code by}, running every task that falls due on the way at its own time.
   * Returns once time has reached the target and nothing due is left.
   */
  public void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("time only moves forward");
    }
    long target;
    synchronized (this) {
      target = nowNanos + by.toNanos();
    }
    while (true) {
      Task<?> next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.timeNanos > target) {
          moveTo(target);
          return;
        }
        queue.poll();
        moveTo(next.timeNanos);
      }
      next.run();
    }
  }

  /** Moves to the next queued task's time and runs what is due then; false if nothing is queued. */
  public boolean advanceToNextTask() {
    long wait;
    synchronized (this) {
      Task<?> next = queue.peek();
      if (next == null) {
        return false;
      }
      wait = next.timeNanos - nowNanos;
    }
    advance(Duration.ofNanos(wait));
    return true;
  }

  private void moveTo(long nanos) {
    if (nanos > nowNanos) {
      clock.advance(Duration.ofNanos(nanos - nowNanos));
      nowNanos = nanos;
    }
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return enqueue(new Task<Void>(command, null, unit.toNanos(delay), 0));
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return enqueue(new Task<>(callable, unit.toNanos(delay)));
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    positive(period);
    return enqueue(new Task<Void>(command, null, unit.toNanos(initialDelay), unit.toNanos(period)));
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    positive(delay);
    return enqueue(new Task<Void>(command, null, unit.toNanos(initialDelay), -unit.toNanos(delay)));
  }

  private static void positive(long period) {
    if (period <= 0) {
      throw new IllegalArgumentException("period must be positive");
    }
  }

  /** Runs {@code command} at the next {@link #runDueTasks()} (or advance), not at once. */
  @Override
  public void execute(Runnable command) {
    var unused = schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  private synchronized <V> Task<V> enqueue(Task<V> task) {
    if (shutdown) {
      throw new RejectedExecutionException("scheduler is shut down");
    }
    task.timeNanos = nowNanos + Math.max(0, task.timeNanos);
    task.sequence = scheduled++;
    queue.add(task);
    return task;
  }

  private synchronized void requeue(Task<?> task, long timeNanos) {
    if (!shutdown) {
      task.timeNanos = timeNanos;
      task.sequence = scheduled++;
      queue.add(task);
    }
  }

  private synchronized void remove(Task<?> task) {
    queue.remove(task);
  }

  /** Drops every queued task; later scheduling is refused. */
  @Override
  public synchronized void shutdown() {
    shutdown = true;
    queue.clear();
  }

  @Override
  public synchronized List<Runnable> shutdownNow() {
    List<Runnable> pending = new ArrayList<>(queue);
    shutdown();
    return pending;
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public synchronized boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return isTerminated();
  }

  private final class Task<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {
    /** Positive: fixed rate; negative: fixed delay; zero: runs once. */
    private final long periodNanos;

    private long timeNanos; // guarded by the scheduler
    private long sequence; // guarded by the scheduler

    Task(Runnable command, V result, long delayNanos, long periodNanos) {
      super(command, result);
      this.timeNanos = delayNanos;
      this.periodNanos = periodNanos;
    }

    Task(Callable<V> callable, long delayNanos) {
      super(callable);
      this.timeNanos = delayNanos;
      this.periodNanos = 0;
    }

    @Override
    public boolean isPeriodic() {
      return periodNanos != 0;
    }

    @Override
    public void run() {
      if (!isPeriodic()) {
        super.run();
      } else if (runAndReset()) {
        long ranAt;
        synchronized (ManualScheduler.this) {
          ranAt = periodNanos > 0 ? timeNanos + periodNanos : nowNanos - periodNanos;
        }
        requeue(this, ranAt);
      }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      remove(this);
      return cancelled;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      synchronized (ManualScheduler.this) {
        return unit.convert(timeNanos - nowNanos, TimeUnit.NANOSECONDS);
      }
    }

    @Override
    public int compareTo(Delayed other) {
      if (other == this) {
        return 0;
      }
      Task<?> that = (Task<?>) other;
      int byTime = Long.compare(timeNanos, that.timeNanos);
      return byTime != 0 ? byTime : Long.compare(sequence, that.sequence);
    }
  }
}
