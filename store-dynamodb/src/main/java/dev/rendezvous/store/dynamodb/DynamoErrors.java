package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.StorageUnavailableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Turns SDK failures into domain outcomes: a failed condition, or storage being unavailable. */
final class DynamoErrors {
  private DynamoErrors() {}

  static Throwable unwrap(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  static boolean isConditionFailure(Throwable t) {
    return unwrap(t) instanceof ConditionalCheckFailedException;
  }

  /**
   * Maps any SDK failure (throttling, 5xx, timeouts, connection errors, a missing table) to {@link
   * StorageUnavailableException}; anything else (a bug) is rethrown as it is.
   */
  static RuntimeException translate(Throwable t) {
    Throwable cause = unwrap(t);
    if (cause instanceof StorageUnavailableException e) {
      return e;
    }
    if (cause instanceof AwsServiceException e) {
      boolean throttled = e.isThrottlingException();
      String code = e.awsErrorDetails() == null ? "unknown" : e.awsErrorDetails().errorCode();
      return new StorageUnavailableException(
          (throttled ? "DynamoDB throttled the request (" : "DynamoDB refused the request (")
              + code
              + ", HTTP "
              + e.statusCode()
              + ")",
          throttled,
          e);
    }
    if (cause instanceof SdkException e) {
      return new StorageUnavailableException(
          "DynamoDB could not be reached: " + e.getClass().getSimpleName(), false, e);
    }
    if (cause instanceof RuntimeException e) {
      return e;
    }
    return new IllegalStateException(cause);
  }
}
