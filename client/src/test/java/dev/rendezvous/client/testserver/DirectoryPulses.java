package dev.rendezvous.client.testserver;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.LiveDirectory;
import dev.rendezvous.core.directory.Takeover;
import dev.rendezvous.core.directory.TakeoverResult;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes pulses to the directory as a live owner would record them: a takeover by the test edge's
 * task, ONLINE until one window after the pulse (as if the owner then wrote the PENDING transition
 * on time). The test edge keeps no live state of its own.
 */
public final class DirectoryPulses {
  private static final TaskId TEST_EDGE = new TaskId("7e57ed9e000000000000000000000000");

  private final LiveDirectory live;
  private final PulseTimings timings;
  private final Clock clock;

  DirectoryPulses(LiveDirectory live, PulseTimings timings, Clock clock) {
    this.live = live;
    this.timings = timings;
    this.clock = clock;
  }

  /** A pulse received now from {@code source} ({@code counter} 0 for v1): what was decided. */
  public PulseOutcome record(ClientId clientId, ObservedAddress source, long counter) {
    Instant now = clock.instant();
    TakeoverResult result =
        live.takeOver(
                new Takeover(
                    clientId,
                    AddressFamily.of(source),
                    TEST_EDGE,
                    source,
                    now,
                    now.plus(timings.onlineWindow()),
                    counter))
            .toCompletableFuture()
            .join();
    return PulseOutcome.of(result);
  }

  Optional<DirectoryEntry> find(ClientId clientId) {
    return live.find(clientId).toCompletableFuture().join();
  }
}
