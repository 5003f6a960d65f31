package dev.rendezvous.core.service;

import static dev.rendezvous.core.service.ExactStateTest.T0;
import static dev.rendezvous.core.service.ExactStateTest.V4_AT_CHECKPOINT;
import static dev.rendezvous.core.service.ExactStateTest.V6;
import static dev.rendezvous.core.service.ExactStateTest.X;
import static dev.rendezvous.core.service.ExactStateTest.Y;
import static dev.rendezvous.core.service.ExactStateTest.entry;
import static dev.rendezvous.core.service.ExactStateTest.leased;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.core.directory.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which owners a reader asks: live ones only, each once, with task records cached briefly. */
class OwnerQueriesTest {
  private final Map<TaskId, TaskRecord> stored = new HashMap<>();
  private final List<TaskId> reads = new ArrayList<>();
  private final TaskRecordCache cache =
      new TaskRecordCache(
          task -> {
            reads.add(task);
            return Optional.ofNullable(stored.get(task));
          },
          Duration.ofSeconds(3));
  private final RecordingOwnerChannel channel = new RecordingOwnerChannel();
  private final OwnerQueries owners = new OwnerQueries(cache, channel, Duration.ofSeconds(15));

  private static TaskRecord task(TaskId id, Instant heartbeat, TaskState state) {
    return new TaskRecord(id, "10.0.0." + id.hex().charAt(31), 5027, T0, heartbeat, state, "t");
  }

  @Test
  void asksOwnersWhoseHeartbeatIsFreshAndWhoServe() {
    stored.put(X, task(X, T0.minusSeconds(15), TaskState.SERVING));
    stored.put(Y, task(Y, T0, TaskState.SERVING));
    DirectoryEntry client =
        entry(
            leased(AddressFamily.IPV4, X, 1, V4_AT_CHECKPOINT),
            leased(AddressFamily.IPV6, Y, 1, V6));
    assertThat(owners.of(client, T0)).extracting(TaskRecord::task).containsExactlyInAnyOrder(X, Y);
  }

  @Test
  void skipsADeadOrDrainingOrUnknownOwner() {
    stored.put(X, task(X, T0.minusMillis(15_001), TaskState.SERVING));
    stored.put(Y, task(Y, T0, TaskState.DRAINING));
    DirectoryEntry client =
        entry(
            leased(AddressFamily.IPV4, X, 1, V4_AT_CHECKPOINT),
            leased(AddressFamily.IPV6, Y, 1, V6));
    assertThat(owners.of(client, T0)).isEmpty();
    TaskId unknown = new TaskId("0000000000000000000000000000000c");
    assertThat(owners.of(entry(leased(AddressFamily.IPV4, unknown, 1, V4_AT_CHECKPOINT)), T0))
        .isEmpty();
    owners.ask(client, owners.of(client, T0));
    assertThat(channel.asked).as("nobody to ask, nothing sent").isEmpty();
  }

  @Test
  void aTaskOwningBothFamiliesIsAskedOnce() {
    stored.put(X, task(X, T0, TaskState.SERVING));
    DirectoryEntry client =
        entry(
            leased(AddressFamily.IPV4, X, 1, V4_AT_CHECKPOINT),
            leased(AddressFamily.IPV6, X, 2, V6));
    assertThat(owners.of(client, T0)).hasSize(1);
  }

  @Test
  void taskRecordsAreReadAgainOnlyAfterTheirMaxAge() {
    stored.put(X, task(X, T0, TaskState.SERVING));
    DirectoryEntry client = entry(leased(AddressFamily.IPV4, X, 1, V4_AT_CHECKPOINT));
    owners.of(client, T0);
    owners.of(client, T0.plusSeconds(3));
    assertThat(reads).hasSize(1);
    stored.put(X, task(X, T0, TaskState.DRAINING));
    assertThat(owners.of(client, T0.plusSeconds(3))).hasSize(1);
    assertThat(owners.of(client, T0.plusMillis(3_001))).as("re-read: draining now").isEmpty();
    assertThat(reads).hasSize(2);
  }
}
