package dev.rendezvous.store.dynamodb;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * One logical conditional write on one item, as {@link ConditionalWriter} runs it: what to send for
 * an attempt, what it means when it lands, and why its condition failed when it did not.
 *
 * @param <T> the outcome the adapter reports
 */
public interface ConditionalWrite<T> {

  /**
   * The request of one attempt at {@code now}: a PutItem or UpdateItem that stores {@code token} in
   * {@link ClientTable#WRITE_TOKEN} (as {@link RequestToken#PLACEHOLDER} in an update), or a
   * DeleteItem whose condition also holds when the item is already gone (a delete leaves no token
   * to recognise). Requests should ask for the old item on failure ({@code
   * ReturnValuesOnConditionCheckFailure.ALL_OLD}) to spare a read on DynamoDB.
   */
  DynamoDbRequest request(RequestToken token, Instant now);

  /** Reads the item (strongly consistent) when the engine did not return it with the failure. */
  GetItemRequest read();

  /** The outcome when the attempt made at {@code now} landed. */
  T written(Instant now);

  /**
   * The outcome when the condition of the attempt made at {@code attemptedAt} failed and the item
   * (as it is now, empty if there is none) does not carry this write's token; empty to try again at
   * a later instant (the item changed between the write and the read, so it no longer explains the
   * failure, e.g. a PENDING client turned ONLINE meanwhile).
   */
  Optional<T> refused(Optional<Map<String, AttributeValue>> item, Instant attemptedAt);

  /** A write from its parts, each as described on the methods of this interface. */
  static <T> ConditionalWrite<T> of(
      BiFunction<RequestToken, Instant, DynamoDbRequest> request,
      GetItemRequest read,
      Function<Instant, T> written,
      BiFunction<Optional<Map<String, AttributeValue>>, Instant, Optional<T>> refused) {
    return new ConditionalWrite<>() {
      @Override
      public DynamoDbRequest request(RequestToken token, Instant now) {
        return request.apply(token, now);
      }

      @Override
      public GetItemRequest read() {
        return read;
      }

      @Override
      public T written(Instant now) {
        return written.apply(now);
      }

      @Override
      public Optional<T> refused(Optional<Map<String, AttributeValue>> item, Instant attemptedAt) {
        return refused.apply(item, attemptedAt);
      }
    };
  }
}
