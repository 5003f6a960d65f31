package dev.rendezvous.core.call;

import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.protocol.identity.ClientId;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Call policies beside an in-process directory (the memory store of local runs and tests). A policy
 * is set only for a client the directory holds, and read only while it still holds it.
 */
public final class InMemoryCallPolicies implements CallPolicies {
  private final ClientRegistry registry;
  private final ConcurrentMap<ClientId, CallPolicy> policies = new ConcurrentHashMap<>();

  public InMemoryCallPolicies(ClientRegistry registry) {
    this.registry = registry;
  }

  @Override
  public CallPolicy of(ClientId callee) {
    if (registry.find(callee).isEmpty()) {
      policies.remove(callee);
      return CallPolicy.EVERYONE;
    }
    return policies.getOrDefault(callee, CallPolicy.EVERYONE);
  }

  @Override
  public boolean set(ClientId client, CallPolicy policy) {
    if (registry.find(client).isEmpty()) {
      return false;
    }
    policies.put(client, policy);
    return true;
  }
}
