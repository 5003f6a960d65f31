package dev.rendezvous.core.call;

import dev.rendezvous.protocol.identity.ClientId;

/** Where clients' call policies are kept: on their own directory items. */
public interface CallPolicies {

  /** The callee's policy; {@link CallPolicy#EVERYONE} when it never set one. */
  CallPolicy of(ClientId callee);

  /**
   * Replaces the client's policy (one conditional write: only while the client exists).
   *
   * @return false when there is no such client
   */
  boolean set(ClientId client, CallPolicy policy);
}
