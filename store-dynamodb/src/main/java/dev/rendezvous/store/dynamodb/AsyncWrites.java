package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.registry.StorageUnavailableException;
import dev.rendezvous.protocol.identity.ClientId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The retry-and-explain rule of the asynchronous writes: a conditional write that fails its
 * condition is explained from the item as it was (DynamoDB returns it with the failure; where the
 * engine does not, a strongly consistent read fetches it). An explanation decides the outcome; no
 * explanation means the item changed between the write and the read, and the write is built again
 * (with a fresh clock) and retried, a few times at most. Storage failures become {@link
 * StorageUnavailableException}.
 */
final class AsyncWrites {
  private static final int ATTEMPTS = 3;

  private final DynamoDbAsyncClient dynamo;
  private final RegistryRequests reads;

  AsyncWrites(DynamoDbAsyncClient dynamo, RegistryRequests reads) {
    this.dynamo = dynamo;
    this.reads = reads;
  }

  CompletableFuture<Map<String, AttributeValue>> read(GetItemRequest request) {
    return dynamo
        .getItem(request)
        .handle(
            (response, error) -> {
              if (error != null) {
                throw DynamoErrors.translate(error);
              }
              return response.hasItem() ? response.item() : Map.of();
            });
  }

  <T> CompletableFuture<T> update(
      Supplier<UpdateItemRequest> request,
      ClientId clientId,
      Function<UpdateItemResponse, T> written,
      Function<Map<String, AttributeValue>, Optional<T>> explain) {
    return attempt(request, clientId, written, explain, ATTEMPTS);
  }

  private <T> CompletableFuture<T> attempt(
      Supplier<UpdateItemRequest> request,
      ClientId clientId,
      Function<UpdateItemResponse, T> written,
      Function<Map<String, AttributeValue>, Optional<T>> explain,
      int attemptsLeft) {
    return dynamo
        .updateItem(request.get())
        .thenApply(written)
        .exceptionallyCompose(
            error -> {
              if (!DynamoErrors.isConditionFailure(error)) {
                return CompletableFuture.failedFuture(DynamoErrors.translate(error));
              }
              return itemAsItWas(
                      (ConditionalCheckFailedException) DynamoErrors.unwrap(error), clientId)
                  .thenCompose(
                      old -> {
                        Optional<T> outcome = explain.apply(old);
                        if (outcome.isPresent()) {
                          return CompletableFuture.completedFuture(outcome.get());
                        }
                        if (attemptsLeft <= 1) {
                          return CompletableFuture.failedFuture(
                              new StorageUnavailableException(
                                  "client " + clientId + " changed under every attempt",
                                  true,
                                  null));
                        }
                        return attempt(request, clientId, written, explain, attemptsLeft - 1);
                      });
            });
  }

  private CompletableFuture<Map<String, AttributeValue>> itemAsItWas(
      ConditionalCheckFailedException failure, ClientId clientId) {
    Map<String, AttributeValue> old = failure.item();
    if (old != null && !old.isEmpty()) {
      return CompletableFuture.completedFuture(old);
    }
    return read(reads.get(clientId));
  }
}
