package dev.rendezvous.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.StorageUnavailableException;
import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.InternalSecret;
import dev.rendezvous.core.directory.LiveDirectory;
import dev.rendezvous.core.directory.Owner;
import dev.rendezvous.core.directory.OwnerWrite;
import dev.rendezvous.core.directory.OwnerWriteResult;
import dev.rendezvous.core.directory.Takeover;
import dev.rendezvous.core.directory.TakeoverResult;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.core.directory.memory.InMemoryDirectory;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Starting a task when the first storage calls of a fresh process fail (a cold, loaded host). */
class EdgeStartTest {
  @Test
  void aFailedFirstReadOfTheInternalSecretIsTriedAgain() throws Exception {
    LiveDirectory real =
        new InMemoryDirectory(new LivenessRules(PulseTimings.DEFAULTS), Clock.systemUTC()).live();
    FirstSecretReadsFail directory = new FirstSecretReadsFail(real, 2);
    EdgeSettings settings =
        EdgeSettings.fromEnvironment(
            Map.of(
                "RENDEZVOUS_UDP_PORT", "0",
                "RENDEZVOUS_HEALTH_PORT", "0",
                "RENDEZVOUS_INTERNAL_PORT", "0",
                "RENDEZVOUS_EDGE_THREADS", "1"));
    try (Edge edge = Edge.start(settings, directory, Clock.systemUTC())) {
      assertThat(edge.internalSecret())
          .isEqualTo(real.internalSecret().toCompletableFuture().join());
      assertThat(directory.secretReads.get()).isEqualTo(3);
    }
  }

  /** The real in-memory directory, except that its first secret reads fail as storage would. */
  private static final class FirstSecretReadsFail implements LiveDirectory {
    private final LiveDirectory real;
    private final int failures;
    final AtomicInteger secretReads = new AtomicInteger();

    FirstSecretReadsFail(LiveDirectory real, int failures) {
      this.real = real;
      this.failures = failures;
    }

    @Override
    public CompletionStage<InternalSecret> internalSecret() {
      if (secretReads.incrementAndGet() <= failures) {
        return CompletableFuture.failedFuture(
            new StorageUnavailableException("ApiCallTimeoutException", false, null));
      }
      return real.internalSecret();
    }

    @Override
    public CompletionStage<Optional<DirectoryEntry>> find(ClientId clientId) {
      return real.find(clientId);
    }

    @Override
    public CompletionStage<TakeoverResult> takeOver(Takeover takeover) {
      return real.takeOver(takeover);
    }

    @Override
    public CompletionStage<OwnerWriteResult> moveAddress(
        OwnerWrite write, ObservedAddress newAddress) {
      return real.moveAddress(write, newAddress);
    }

    @Override
    public CompletionStage<OwnerWriteResult> checkpoint(OwnerWrite write) {
      return real.checkpoint(write);
    }

    @Override
    public CompletionStage<OwnerWriteResult> markPending(
        ClientId clientId, AddressFamily family, Owner owner, Instant lastPulseAt) {
      return real.markPending(clientId, family, owner, lastPulseAt);
    }

    @Override
    public CompletionStage<Optional<TaskRecord>> findTask(TaskId task) {
      return real.findTask(task);
    }

    @Override
    public CompletionStage<Void> heartbeat(TaskRecord task) {
      return real.heartbeat(task);
    }
  }
}
