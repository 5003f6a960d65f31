package dev.rendezvous.client.internal;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks one at a time, in the order they were submitted, on another executor (the app's
 * callback executor). A session's callbacks therefore never overlap or reorder, even when the app
 * hands the SDK a pool of many threads. Each batch of queued tasks runs as one task of the target.
 */
public final class SerialExecutor implements Executor {
  private final Executor target;
  private final Queue<Runnable> tasks = new ArrayDeque<>(); // guarded by this
  private boolean draining; // guarded by this

  public SerialExecutor(Executor target) {
    this.target = target;
  }

  /**
   * Queues {@code task} behind the ones before it.
   *
   * @throws RejectedExecutionException if the target executor refuses work (it was shut down); the
   *     tasks still queued are dropped
   */
  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      tasks.add(task);
      if (draining) {
        return;
      }
      draining = true;
    }
    try {
      target.execute(this::drain);
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        tasks.clear();
        draining = false;
      }
      throw e;
    }
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = tasks.poll();
        if (next == null) {
          draining = false;
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        // The SDK's own tasks catch what app code throws; one failure must not stall the queue.
        Thread t = Thread.currentThread();
        t.getUncaughtExceptionHandler().uncaughtException(t, e);
      }
    }
  }
}
