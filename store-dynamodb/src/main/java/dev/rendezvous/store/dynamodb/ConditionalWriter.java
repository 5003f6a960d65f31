package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.StorageUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The store's one retry-and-explain policy for conditional writes, shared by its adapters:
 *
 * <ol>
 *   <li>each attempt carries a fresh {@link RequestToken} and the current instant;
 *   <li>if the condition fails, the item as it is now is taken from the failure (DynamoDB returns
 *       it with {@code ReturnValuesOnConditionCheckFailure.ALL_OLD}) or read (dynalite does not);
 *   <li>an item carrying the attempt's token means an earlier SDK attempt of this very request
 *       landed and only its answer was lost: the write succeeded;
 *   <li>otherwise the write explains the refusal, judged at the attempt's instant (the one its
 *       condition used), or asks for another attempt at a fresh instant (the item changed between
 *       the write and the read), at most {@code attempts} in all; then storage is reported as
 *       contended ({@link StorageUnavailableException}, throttled).
 * </ol>
 *
 * SDK failures other than a failed condition become {@link StorageUnavailableException}.
 */
public final class ConditionalWriter {
  private static final int DEFAULT_ATTEMPTS = 3;

  private final DynamoChannel channel;
  private final Clock clock;
  private final int attempts;

  public ConditionalWriter(DynamoChannel channel, Clock clock) {
    this(channel, clock, DEFAULT_ATTEMPTS);
  }

  public ConditionalWriter(DynamoChannel channel, Clock clock, int attempts) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
    this.channel = channel;
    this.clock = clock;
    this.attempts = attempts;
  }

  public <T> CompletableFuture<T> write(ConditionalWrite<T> write) {
    return attempt(write, attempts);
  }

  /** For blocking adapters: waits, and throws the failure itself (not wrapped). */
  public <T> T writeAndWait(ConditionalWrite<T> write) {
    try {
      return write(write).join();
    } catch (CompletionException e) {
      Throwable cause = DynamoErrors.unwrap(e);
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }

  private <T> CompletableFuture<T> attempt(ConditionalWrite<T> write, int attemptsLeft) {
    Instant now = clock.instant();
    RequestToken token = RequestToken.fresh();
    return channel
        .write(write.request(token, now))
        .thenApply(written -> write.written(now))
        .exceptionallyCompose(
            error -> {
              if (!(DynamoErrors.unwrap(error) instanceof ConditionalCheckFailedException failed)) {
                return CompletableFuture.failedFuture(DynamoErrors.translate(error));
              }
              return itemAsItIs(failed, write)
                  .thenCompose(item -> afterRefusal(write, token, now, item, attemptsLeft));
            });
  }

  private <T> CompletableFuture<T> afterRefusal(
      ConditionalWrite<T> write,
      RequestToken token,
      Instant attemptedAt,
      Optional<Map<String, AttributeValue>> item,
      int attemptsLeft) {
    if (item.isPresent() && token.wrote(item.get())) {
      return CompletableFuture.completedFuture(write.written(attemptedAt));
    }
    Optional<T> outcome = write.refused(item, attemptedAt);
    if (outcome.isPresent()) {
      return CompletableFuture.completedFuture(outcome.get());
    }
    if (attemptsLeft <= 1) {
      return CompletableFuture.failedFuture(
          new StorageUnavailableException(
              "item " + write.read().key() + " changed under " + attempts + " attempts; try again",
              true,
              null));
    }
    return attempt(write, attemptsLeft - 1);
  }

  private CompletableFuture<Optional<Map<String, AttributeValue>>> itemAsItIs(
      ConditionalCheckFailedException failed, ConditionalWrite<?> write) {
    if (failed.hasItem() && !failed.item().isEmpty()) {
      return CompletableFuture.completedFuture(Optional.of(failed.item()));
    }
    return channel
        .read(write.read())
        .handle(
            (item, error) -> {
              if (error != null) {
                throw DynamoErrors.translate(error);
              }
              return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
            });
  }
}
