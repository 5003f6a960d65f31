package dev.rendezvous.client.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the SDK makes for itself. All are daemon threads with a {@code rendezvous-} name, so
 * they never keep a JVM alive and are easy to tell apart in a thread dump; pools let idle threads
 * end after half a minute.
 */
public final class SdkThreads {
  private static final long IDLE_SECONDS = 30;

  private SdkThreads() {}

  /** Names threads {@code name}, or {@code name-1}, {@code name-2}... when {@code numbered}. */
  public static ThreadFactory named(String name, boolean numbered) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, numbered ? name + "-" + count.incrementAndGet() : name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Up to {@code threads} threads for blocking I/O (HTTP calls); the queue is unbounded. */
  public static ExecutorService ioPool(String name, int threads) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            named(name, true));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** One thread that runs the app's callbacks when the app supplied no executor. */
  public static ExecutorService callbackThread(String name) {
    return ioPool(name, 1);
  }

  /** One timer thread (a session's pulses, reply timeouts, punches and keepalives). */
  public static ScheduledExecutorService timerThread(String name) {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, named(name, false));
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
