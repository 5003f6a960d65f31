package dev.rendezvous.store.dynamodb.testing;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.LiveDirectory;
import dev.rendezvous.core.directory.Takeover;
import dev.rendezvous.core.directory.TakeoverResult;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.store.dynamodb.DynamoLiveDirectory;
import dev.rendezvous.store.dynamodb.DynamoStoreSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Records pulses in a directory the way a live owner would, for tests of the readers (routes, local
 * server, SDK): a pulse received now is a takeover by a test task, ONLINE until one window after it
 * (as if its owner then wrote the PENDING transition on time).
 */
public final class TestPulses implements AutoCloseable {
  /** The task that "owns" the clients whose pulses tests record. */
  public static final TaskId TEST_TASK = new TaskId("7e57000000000000000000000000007e");

  private final LiveDirectory live;
  private final PulseTimings timings;
  private final Clock clock;
  private final DynamoDbAsyncClient closer;

  private TestPulses(
      LiveDirectory live, PulseTimings timings, Clock clock, DynamoDbAsyncClient closer) {
    this.live = live;
    this.timings = timings;
    this.clock = clock;
    this.closer = closer;
  }

  public static TestPulses on(LiveDirectory live, PulseTimings timings, Clock clock) {
    return new TestPulses(live, timings, clock, null);
  }

  /** Pulses into a DynamoDB table on dynalite (close it after the tests). */
  public static TestPulses onDynalite(
      DynaliteExtension dynalite, String table, PulseTimings timings, Clock clock) {
    DynamoDbAsyncClient async = dynalite.newAsyncClient(8);
    DynamoLiveDirectory live =
        new DynamoLiveDirectory(
            async, DynamoStoreSettings.forTable(table), new LivenessRules(timings), clock);
    return new TestPulses(live, timings, clock, async);
  }

  /** Records a pulse of the client received now from {@code source}; it must be accepted. */
  public void record(ClientId clientId, ObservedAddress source) {
    TakeoverResult result = attempt(clientId, source);
    if (!(result instanceof TakeoverResult.Taken)) {
      throw new AssertionError("the pulse of " + clientId + " was refused: " + result);
    }
  }

  /** Records a pulse and returns what the directory decided (for pulses that may be refused). */
  public TakeoverResult attempt(ClientId clientId, ObservedAddress source) {
    return attempt(clientId, source, 0);
  }

  /** The same for a v2 pulse with {@code counter} (0 for v1). */
  public TakeoverResult attempt(ClientId clientId, ObservedAddress source, long counter) {
    Instant now = clock.instant();
    return live.takeOver(
            new Takeover(
                clientId,
                AddressFamily.of(source),
                TEST_TASK,
                source,
                now,
                now.plus(timings.onlineWindow()),
                counter))
        .toCompletableFuture()
        .join();
  }

  /** Reads the client from the directory. */
  public Optional<DirectoryEntry> find(ClientId clientId) {
    return live.find(clientId).toCompletableFuture().join();
  }

  @Override
  public void close() {
    if (closer != null) {
      closer.close();
    }
  }
}
