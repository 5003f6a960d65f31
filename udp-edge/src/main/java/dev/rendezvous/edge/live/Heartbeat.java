package dev.rendezvous.edge.live;

import dev.rendezvous.core.directory.LiveDirectory;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.core.directory.TaskState;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This task's heartbeat item, renewed every {@link #PERIOD}: where its internal API listens and
 * whether it serves or drains. Readers and new owners treat an item older than 15 s, or draining,
 * as a dead owner. The writes are asynchronous; the schedule runs on an event loop and never waits.
 */
public final class Heartbeat implements AutoCloseable {
  public static final Duration PERIOD = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

  private final LiveDirectory directory;
  private final TaskId task;
  private final String internalHost;
  private final int internalPort;
  private final String label;
  private final Instant startedAt;
  private final Clock clock;
  private final AtomicBoolean writing = new AtomicBoolean();
  private volatile TaskState state = TaskState.SERVING;
  private volatile ScheduledFuture<?> schedule;

  public Heartbeat(
      LiveDirectory directory,
      TaskId task,
      String internalHost,
      int internalPort,
      String label,
      Clock clock) {
    this.directory = directory;
    this.task = task;
    this.internalHost = internalHost;
    this.internalPort = internalPort;
    this.label = label;
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  /** Writes the first item (the caller may wait for it) and renews it every period after that. */
  public CompletableFuture<Void> start(EventExecutor executor) {
    CompletableFuture<Void> first = beat();
    schedule =
        executor.scheduleAtFixedRate(
            () -> {
              if (writing.compareAndSet(false, true)) {
                var unused = beat().whenComplete((v, e) -> writing.set(false));
              }
            },
            PERIOD.toMillis(),
            PERIOD.toMillis(),
            TimeUnit.MILLISECONDS);
    return first;
  }

  /** Says "draining" at once (and in every later beat). */
  public CompletableFuture<Void> drain() {
    state = TaskState.DRAINING;
    return beat();
  }

  public TaskRecord record() {
    return new TaskRecord(
        task, internalHost, internalPort, startedAt, clock.instant(), state, label);
  }

  private CompletableFuture<Void> beat() {
    return directory
        .heartbeat(record())
        .toCompletableFuture()
        .whenComplete(
            (v, error) -> {
              if (error != null) {
                LOG.atWarn()
                    .addKeyValue("event", "heartbeat_failed")
                    .addKeyValue("error", error.getClass().getSimpleName())
                    .log("could not write the heartbeat; readers may treat this task as dead");
              }
            });
  }

  @Override
  public void close() {
    ScheduledFuture<?> s = schedule;
    if (s != null) {
      s.cancel(false);
    }
  }
}
