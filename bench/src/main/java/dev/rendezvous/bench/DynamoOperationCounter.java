package dev.rendezvous.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Counts the DynamoDB API calls the SDK client really made (each attempt that got an answer), by
 * operation name and by item kind: {@code "UpdateItem"} counts every UpdateItem, {@code "UpdateItem
 * client"} only those on a client item, {@code "UpdateItem ~"} those on the reserved items (task
 * heartbeats, the internal secret).
 */
final class DynamoOperationCounter implements ExecutionInterceptor {
  final ConcurrentMap<String, LongAdder> calls = new ConcurrentHashMap<>();

  @Override
  public void afterExecution(
      Context.AfterExecution context, ExecutionAttributes executionAttributes) {
    String op = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    increment(op);
    String key = clientIdOf(context.request());
    if (key != null) {
      increment(op + (key.startsWith("~") ? " ~" : " client"));
    }
  }

  private void increment(String name) {
    calls.computeIfAbsent(name, k -> new LongAdder()).increment();
  }

  private static String clientIdOf(SdkRequest request) {
    Map<String, AttributeValue> key = null;
    if (request instanceof UpdateItemRequest r) {
      key = r.key();
    } else if (request instanceof PutItemRequest r) {
      key = r.item();
    } else if (request instanceof GetItemRequest r) {
      key = r.key();
    } else if (request instanceof DeleteItemRequest r) {
      key = r.key();
    }
    AttributeValue id = key == null ? null : key.get("clientId");
    return id == null ? null : id.s();
  }

  long count(String operation) {
    LongAdder n = calls.get(operation);
    return n == null ? 0 : n.sum();
  }

  /** Every counter now, as a copy. */
  Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  void reset() {
    calls.clear();
  }
}
