package dev.rendezvous.store.dynamodb;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The SDK's blocking or non-blocking client behind one face, so that the blocking adapter (HTTP
 * functions) and the non-blocking one (the edge) share {@link ConditionalWriter}. The blocking form
 * runs each call in the caller's thread and returns a completed future.
 */
public interface DynamoChannel {

  /** Sends a PutItem, UpdateItem or DeleteItem; fails with the SDK's exception. */
  CompletableFuture<Void> write(DynamoDbRequest request);

  /** Reads one item; the map is empty when there is none. */
  CompletableFuture<Map<String, AttributeValue>> read(GetItemRequest request);

  static DynamoChannel of(DynamoDbClient client) {
    return new DynamoChannel() {
      @Override
      public CompletableFuture<Void> write(DynamoDbRequest request) {
        try {
          if (request instanceof PutItemRequest put) {
            client.putItem(put);
          } else if (request instanceof UpdateItemRequest update) {
            client.updateItem(update);
          } else if (request instanceof DeleteItemRequest delete) {
            client.deleteItem(delete);
          } else {
            throw unsupported(request);
          }
          return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
          return CompletableFuture.failedFuture(e);
        }
      }

      @Override
      public CompletableFuture<Map<String, AttributeValue>> read(GetItemRequest request) {
        try {
          return CompletableFuture.completedFuture(client.getItem(request).item());
        } catch (RuntimeException e) {
          return CompletableFuture.failedFuture(e);
        }
      }
    };
  }

  static DynamoChannel of(DynamoDbAsyncClient client) {
    return new DynamoChannel() {
      @Override
      public CompletableFuture<Void> write(DynamoDbRequest request) {
        if (request instanceof PutItemRequest put) {
          return client.putItem(put).thenApply(response -> null);
        } else if (request instanceof UpdateItemRequest update) {
          return client.updateItem(update).thenApply(response -> null);
        } else if (request instanceof DeleteItemRequest delete) {
          return client.deleteItem(delete).thenApply(response -> null);
        }
        return CompletableFuture.failedFuture(unsupported(request));
      }

      @Override
      public CompletableFuture<Map<String, AttributeValue>> read(GetItemRequest request) {
        return client.getItem(request).thenApply(response -> response.item());
      }
    };
  }

  private static IllegalArgumentException unsupported(DynamoDbRequest request) {
    return new IllegalArgumentException(
        "not a single-item write: " + request.getClass().getSimpleName());
  }
}
