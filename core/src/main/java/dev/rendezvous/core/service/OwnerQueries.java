package dev.rendezvous.core.service;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.FamilyEntry;
import dev.rendezvous.core.directory.OwnedState;
import dev.rendezvous.core.directory.Owner;
import dev.rendezvous.core.directory.OwnerChannel;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A reader's way to a client's live owners (docs/architecture.md, "Readers", steps 2 and 3): the
 * task record of each family's owner (cached), skipping a task whose heartbeat is stale or that is
 * draining (it goes straight to the directory instead of waiting out a timeout), then the channel.
 */
public final class OwnerQueries {
  /** A task whose heartbeat is older than this is treated as dead. */
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(15);

  private final TaskRecordCache tasks;
  private final OwnerChannel channel;
  private final Duration staleAfter;

  /** Owners that are never asked: for a process with no edges to ask (the directory alone). */
  public static OwnerQueries none() {
    return new OwnerQueries(
        new TaskRecordCache(task -> Optional.empty(), TaskRecordCache.DEFAULT_MAX_AGE),
        new OwnerChannel() {
          @Override
          public Map<AddressFamily, OwnedState> ask(ClientId clientId, List<TaskRecord> owners) {
            return Map.of();
          }

          @Override
          public void verified(ClientId clientId, Instant at, List<TaskRecord> owners) {}

          @Override
          public void loggedOut(ClientId clientId, List<TaskRecord> owners) {}
        },
        DEFAULT_STALE_AFTER);
  }

  public OwnerQueries(TaskRecordCache tasks, OwnerChannel channel, Duration staleAfter) {
    this.tasks = tasks;
    this.channel = channel;
    this.staleAfter = staleAfter;
  }

  /** The live tasks that own a family of the client, each once. */
  public List<TaskRecord> of(DirectoryEntry entry, Instant now) {
    List<TaskRecord> live = new ArrayList<>(2);
    for (FamilyEntry family : entry.families().values()) {
      Optional<Owner> owner = family.owner();
      if (owner.isEmpty() || live.stream().anyMatch(t -> t.task().equals(owner.get().task()))) {
        continue;
      }
      tasks
          .find(owner.get().task(), now)
          .filter(task -> task.isLive(now, staleAfter))
          .ifPresent(live::add);
    }
    return live;
  }

  /** The exact state of the families whose live owners answered in time. */
  public Map<AddressFamily, OwnedState> ask(DirectoryEntry entry, List<TaskRecord> owners) {
    return owners.isEmpty() ? Map.of() : channel.ask(entry.clientId(), owners);
  }

  public void verified(DirectoryEntry entry, Instant at, List<TaskRecord> owners) {
    if (!owners.isEmpty()) {
      channel.verified(entry.clientId(), at, owners);
    }
  }

  public void loggedOut(DirectoryEntry entry, List<TaskRecord> owners) {
    if (!owners.isEmpty()) {
      channel.loggedOut(entry.clientId(), owners);
    }
  }
}
