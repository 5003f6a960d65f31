package dev.rendezvous.core.service;

import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.directory.TaskRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The owners' task records, kept for a few seconds per process (a Lambda container): a reader needs
 * one per owner of every client it reads, and tasks renew theirs every 5 s. A cached record is at
 * most {@code maxAge} older than the stored one, so a live task's heartbeat looks at most {@code
 * heartbeat period + maxAge} old, well within the staleness limit. A missing record (a task that
 * never wrote one, or was cleaned up) is kept as missing for the same time. Bounded (least recently
 * used first out) and thread-safe; the time comes from the request's one clock read.
 */
public final class TaskRecordCache {
  /** The default age limit: short against the 15 s staleness limit, long against a request. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(3);

  private static final int MAX_ENTRIES = 4096;

  private final Function<TaskId, Optional<TaskRecord>> loader;
  private final Duration maxAge;
  private final Map<TaskId, Cached> cache =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<TaskId, Cached> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  public TaskRecordCache(Function<TaskId, Optional<TaskRecord>> loader, Duration maxAge) {
    this.loader = loader;
    this.maxAge = maxAge;
  }

  /** The task's record as read at most {@code maxAge} before {@code now}. */
  public Optional<TaskRecord> find(TaskId task, Instant now) {
    synchronized (cache) {
      Cached cached = cache.get(task);
      if (cached != null && !now.isAfter(cached.readAt().plus(maxAge))) {
        return cached.record();
      }
    }
    // Read outside the lock: a slow read never holds up readers of other tasks.
    Optional<TaskRecord> record = loader.apply(task);
    synchronized (cache) {
      cache.put(task, new Cached(record, now));
    }
    return record;
  }

  private record Cached(Optional<TaskRecord> record, Instant readAt) {}
}
