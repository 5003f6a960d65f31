package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.registry.ClientSnapshot;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.registry.PulseOutcome;
import dev.rendezvous.core.registry.PulseRecorder;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The edge's asynchronous slice of storage on DynamoDB. An accepted pulse costs exactly one
 * conditional UpdateItem; only a refused one costs a read (when the engine does not return the old
 * item with the failure) to say why. Writes run through the store's {@link ConditionalWriter}.
 */
public final class DynamoPulseRecorder implements PulseRecorder {
  private final DynamoDbAsyncClient dynamo;
  private final ClientRequests requests;
  private final ClientWrites writes;
  private final ConditionalWriter writer;

  public DynamoPulseRecorder(
      DynamoDbAsyncClient dynamo, DynamoStoreSettings settings, LivenessRules rules, Clock clock) {
    this.dynamo = dynamo;
    this.requests = new ClientRequests(settings, rules);
    this.writes = new ClientWrites(requests, new OutcomeRules(rules));
    this.writer = new ConditionalWriter(DynamoChannel.of(dynamo), clock);
  }

  @Override
  public CompletionStage<PulseOutcome> pulse(PrivateKey key, ObservedAddress source) {
    return writer.write(writes.pulse(key, source));
  }

  @Override
  public CompletionStage<PulseOutcome> authenticatedPulse(
      ClientId clientId, long counter, ObservedAddress source) {
    return writer
        .write(writes.authenticatedPulse(clientId, counter, source))
        .thenCompose(
            outcome ->
                outcome == PulseOutcome.PENDING
                    ? burnCounter(clientId, counter).thenApply(ignored -> outcome)
                    : CompletableFuture.completedFuture(outcome));
  }

  @Override
  public CompletionStage<Optional<ClientSnapshot>> lookUp(ClientId clientId) {
    return dynamo
        .getItem(requests.get(clientId))
        .handle(
            (response, error) -> {
              if (error != null) {
                throw DynamoErrors.translate(error);
              }
              return ClientItems.toSnapshot(response.item());
            });
  }

  /**
   * Best effort: if it fails, the pulse was still not recorded, which is what matters. Raising a
   * counter is idempotent, so an SDK retry of it that fails its condition changes nothing.
   */
  private CompletableFuture<Void> burnCounter(ClientId clientId, long counter) {
    return dynamo
        .updateItem(requests.burnCounter(clientId, counter))
        .handle((response, error) -> null);
  }
}
