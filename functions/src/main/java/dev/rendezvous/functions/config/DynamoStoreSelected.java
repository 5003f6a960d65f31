package dev.rendezvous.functions.config;

import dev.rendezvous.core.config.StoreKind;
import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/**
 * True when {@code RENDEZVOUS_STORE} selects DynamoDB (core's {@link StoreKind#parse} decides): the
 * SDK client is only defined, and built, when it is used.
 */
public final class DynamoStoreSelected implements Condition {
  @Override
  @SuppressWarnings("rawtypes") // the interface declares a raw ConditionContext
  public boolean matches(ConditionContext context) {
    String store = context.getProperty("rendezvous.store", String.class).orElse(null);
    return StoreKind.parse(store) == StoreKind.DYNAMODB;
  }
}
