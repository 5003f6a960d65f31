package dev.rendezvous.edge.live;

import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.directory.TaskRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Previous owners' heartbeat items, read through the directory and kept for a few seconds per
 * shard: during a re-homing storm every client of a dead task asks about the same task, and one
 * read answers them all. A task is down when its item is missing, stale (older than {@link
 * #STALE_AFTER}) or draining; a read that fails counts as "alive" (the takeover is then written at
 * once, which is always safe).
 */
final class TaskRecords {
  /** Readers and new owners treat a heartbeat older than this as a dead owner. */
  static final Duration STALE_AFTER = Duration.ofSeconds(15);

  private static final long KEEP_MILLIS = 5_000;
  private static final int MAX_KEPT = 4_096;

  private record Known(Optional<TaskRecord> record, long readAtMillis) {}

  private final Shard shard;
  private final Map<TaskId, Known> known = new HashMap<>();
  private final Map<TaskId, List<Consumer<Boolean>>> reading = new HashMap<>();

  TaskRecords(Shard shard) {
    this.shard = shard;
  }

  /** Calls {@code then} (on the loop) with whether the task is down. */
  void isDown(TaskId task, Consumer<Boolean> then) {
    long now = shard.clock.millis();
    Known k = known.get(task);
    if (k != null && now - k.readAtMillis() < KEEP_MILLIS) {
      then.accept(isDown(k.record(), now));
      return;
    }
    List<Consumer<Boolean>> waiting = reading.get(task);
    if (waiting != null) {
      waiting.add(then);
      return;
    }
    List<Consumer<Boolean>> list = new ArrayList<>();
    list.add(then);
    reading.put(task, list);
    boolean started =
        shard.call(
            () -> shard.directory.findTask(task),
            (record, error) -> {
              List<Consumer<Boolean>> all = reading.remove(task);
              boolean down;
              if (error == null) {
                if (known.size() >= MAX_KEPT) {
                  known.clear();
                }
                known.put(task, new Known(record, shard.clock.millis()));
                down = isDown(record, shard.clock.millis());
              } else {
                down = false;
              }
              for (Consumer<Boolean> c : all) {
                c.accept(down);
              }
            });
    if (!started) {
      reading.remove(task);
      then.accept(false);
    }
  }

  /** The task's item as last read, if any (for revoke). */
  Optional<TaskRecord> cached(TaskId task) {
    Known k = known.get(task);
    return k == null ? Optional.empty() : k.record();
  }

  private static boolean isDown(Optional<TaskRecord> record, long nowMillis) {
    return record.isEmpty() || !record.get().isLive(Instant.ofEpochMilli(nowMillis), STALE_AFTER);
  }
}
