package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.registry.memory.InMemoryClientRegistry;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.store.dynamodb.testing.ClientRegistryContract;
import dev.rendezvous.testkit.MutableClock;

/**
 * The same contract on core's in-memory store (RENDEZVOUS_STORE=memory), so the edge's benchmark
 * store behaves exactly like the real one. It lives here, beside the suite, because core cannot
 * depend on this module.
 */
class InMemoryClientRegistryTest extends ClientRegistryContract {
  @Override
  protected Subject newSubject(LivenessRules rules, MutableClock clock) {
    InMemoryClientRegistry store = new InMemoryClientRegistry(rules, clock);
    return new Subject(store, store, null);
  }
}
