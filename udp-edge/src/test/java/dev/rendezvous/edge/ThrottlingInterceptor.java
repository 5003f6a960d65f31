package dev.rendezvous.edge;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * Installed on a real SDK client: while on, every request fails the way DynamoDB throttling does
 * (ProvisionedThroughputExceededException, HTTP 400), before it leaves the machine; the SDK's own
 * retry policy and the store's error mapping run as they would in AWS.
 */
public final class ThrottlingInterceptor implements ExecutionInterceptor {
  private volatile boolean throttling;
  private final AtomicInteger throttled = new AtomicInteger();

  public void throttle(boolean on) {
    throttling = on;
  }

  public int throttledRequests() {
    return throttled.get();
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
    if (throttling) {
      throttled.incrementAndGet();
      throw ProvisionedThroughputExceededException.builder()
          .statusCode(400)
          .message("injected throttling")
          .awsErrorDetails(
              AwsErrorDetails.builder()
                  .errorCode("ProvisionedThroughputExceededException")
                  .errorMessage("injected throttling")
                  .serviceName("DynamoDb")
                  .build())
          .build();
    }
  }
}
