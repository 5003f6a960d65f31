package dev.rendezvous.functions.config;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import java.util.Locale;

/**
 * True unless {@code RENDEZVOUS_STORE} says {@code memory} (in any case): DynamoDB is the default,
 * and its SDK client is only built when it is used.
 */
public final class DynamoStoreSelected implements Condition {
  @Override
  @SuppressWarnings("rawtypes") // the interface declares a raw ConditionContext
  public boolean matches(ConditionContext context) {
    return context
        .getProperty("rendezvous.store", String.class)
        .map(s -> !s.strip().toLowerCase(Locale.ROOT).equals("memory"))
        .orElse(true);
  }
}
