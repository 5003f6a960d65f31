package dev.rendezvous.core.directory;

import java.time.Duration;
import java.time.Instant;

/**
 * A task's heartbeat item: where its internal API listens and when it last said it was alive.
 * Readers skip an owner whose heartbeat is stale or that is draining, instead of waiting out a
 * timeout.
 *
 * @param label what operators know the task by (the ECS task id in AWS, the host name locally)
 */
public record TaskRecord(
    TaskId task,
    String internalHost,
    int internalPort,
    Instant startedAt,
    Instant heartbeatAt,
    TaskState state,
    String label) {

  /** Serving and heard from within {@code staleAfter} of {@code now}. */
  public boolean isLive(Instant now, Duration staleAfter) {
    return state == TaskState.SERVING && !heartbeatAt.plus(staleAfter).isBefore(now);
  }
}
