package dev.rendezvous.bench;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts the DynamoDB API calls the SDK client really made, by operation name. */
final class DynamoOperationCounter implements ExecutionInterceptor {
  final ConcurrentMap<String, LongAdder> calls = new ConcurrentHashMap<>();

  @Override
  public void afterExecution(
      Context.AfterExecution context, ExecutionAttributes executionAttributes) {
    String op = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    calls.computeIfAbsent(op, k -> new LongAdder()).increment();
  }

  long count(String operation) {
    LongAdder n = calls.get(operation);
    return n == null ? 0 : n.sum();
  }

  void reset() {
    calls.clear();
  }
}
