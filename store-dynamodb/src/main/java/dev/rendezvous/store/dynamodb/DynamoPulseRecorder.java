package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.registry.ClientSnapshot;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.registry.PulseOutcome;
import dev.rendezvous.core.registry.PulseRecorder;
import dev.rendezvous.core.registry.StorageUnavailableException;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The edge's asynchronous slice of storage on DynamoDB. An accepted pulse costs exactly one
 * conditional UpdateItem; only a refused one costs a read (when the engine does not return the old
 * item with the failure) to say why.
 */
public final class DynamoPulseRecorder implements PulseRecorder {
  private static final int ATTEMPTS = 3;

  private final DynamoDbAsyncClient dynamo;
  private final ClientRequests requests;
  private final OutcomeRules outcomes;
  private final Clock clock;

  public DynamoPulseRecorder(
      DynamoDbAsyncClient dynamo, DynamoStoreSettings settings, LivenessRules rules, Clock clock) {
    this.dynamo = dynamo;
    this.requests = new ClientRequests(settings, rules);
    this.outcomes = new OutcomeRules(rules);
    this.clock = clock;
  }

  @Override
  public CompletionStage<PulseOutcome> pulse(PrivateKey key, ObservedAddress source) {
    return attempt(
        () -> requests.pulse(key, source, clock.instant()),
        key.clientId(),
        item -> outcomes.explainV1(item, key.verifier(), clock.instant()),
        ATTEMPTS);
  }

  @Override
  public CompletionStage<PulseOutcome> authenticatedPulse(
      ClientId clientId, long counter, ObservedAddress source) {
    return attempt(
            () -> requests.authenticatedPulse(clientId, counter, source, clock.instant()),
            clientId,
            item -> outcomes.explainV2(item, counter, clock.instant()),
            ATTEMPTS)
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

  private CompletableFuture<PulseOutcome> attempt(
      Supplier<UpdateItemRequest> request,
      ClientId clientId,
      Function<Optional<ClientSnapshot>, Optional<PulseOutcome>> explain,
      int attemptsLeft) {
    Instant started = clock.instant();
    return dynamo
        .updateItem(request.get())
        .thenApply(response -> PulseOutcome.ACCEPTED)
        .exceptionallyCompose(
            error -> {
              if (!DynamoErrors.isConditionFailure(error)) {
                return CompletableFuture.failedFuture(DynamoErrors.translate(error));
              }
              ConditionalCheckFailedException failure =
                  (ConditionalCheckFailedException) DynamoErrors.unwrap(error);
              return itemAsItWas(failure, clientId)
                  .thenCompose(
                      item -> {
                        Optional<PulseOutcome> outcome = explain.apply(item);
                        if (outcome.isPresent()) {
                          return CompletableFuture.completedFuture(outcome.get());
                        }
                        if (attemptsLeft <= 1) {
                          return CompletableFuture.failedFuture(
                              new StorageUnavailableException(
                                  "client changed under every attempt since " + started,
                                  true,
                                  null));
                        }
                        return attempt(request, clientId, explain, attemptsLeft - 1);
                      });
            });
  }

  private CompletableFuture<Optional<ClientSnapshot>> itemAsItWas(
      ConditionalCheckFailedException failure, ClientId clientId) {
    Map<String, AttributeValue> old = failure.item();
    if (old != null && !old.isEmpty()) {
      return CompletableFuture.completedFuture(ClientItems.toSnapshot(old));
    }
    return lookUp(clientId).toCompletableFuture();
  }

  /** Best effort: if it fails, the pulse was still not recorded, which is what matters. */
  private CompletableFuture<Void> burnCounter(ClientId clientId, long counter) {
    return dynamo
        .updateItem(requests.burnCounter(clientId, counter))
        .handle((response, error) -> null);
  }
}
