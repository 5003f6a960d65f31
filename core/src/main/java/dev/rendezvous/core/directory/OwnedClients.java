package dev.rendezvous.core.directory;

import dev.rendezvous.core.call.PushChannel;
import dev.rendezvous.protocol.call.CallId;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What an edge task answers about the clients it owns: the other side of {@link OwnerChannel},
 * served by the edge's internal API. Implementations never block the caller's thread for long and
 * never block an event loop.
 */
public interface OwnedClients {

  /** The families of the client this task owns, with their exact state; empty if none. */
  CompletionStage<List<OwnedState>> lookUp(ClientId clientId);

  /** The client verified over HTTP at {@code at}: its next pulse here is answered 1020. */
  CompletionStage<Void> verified(ClientId clientId, Instant at);

  /** The client logged out: its next pulse here is answered 1060 once, then it is forgotten. */
  CompletionStage<Void> loggedOut(ClientId clientId);

  /**
   * Another task took the family over with {@code newerEpoch}: drop it if this task's epoch is
   * lower.
   */
  CompletionStage<Void> revoke(ClientId clientId, AddressFamily family, long newerEpoch);

  /**
   * Pushes a PUNCH_NOW of {@code call} to the client on its live mapping and completes when the
   * client acknowledges it, or with why not ({@link PushChannel.Outcome}), within {@link
   * PushChannel#ACK_WAIT}. {@code first} marks the call's first push, the one the per (caller,
   * callee) rate limit counts.
   */
  CompletionStage<PushChannel.Result> punchNow(ClientId clientId, CallId call, boolean first);
}
