package dev.rendezvous.edge;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Counts the DynamoDB requests a client sends (every operation, every attempt). */
public final class OperationCounter implements ExecutionInterceptor {
  private final AtomicInteger total = new AtomicInteger();

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
    total.incrementAndGet();
  }

  public int total() {
    return total.get();
  }
}
