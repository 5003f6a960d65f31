package dev.rendezvous.core.directory;

import dev.rendezvous.protocol.identity.ClientId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How the HTTP routes reach a client's live owners (the edge's internal API). Every call is bounded
 * by the channel's timeout; an owner that does not answer in time, answers an error, or no longer
 * owns the client is simply left out: the reader keeps the directory's values for that family.
 */
public interface OwnerChannel {

  /** Asks the given live owners, in parallel, for their exact state of the client. */
  Map<AddressFamily, OwnedState> ask(ClientId clientId, List<TaskRecord> owners);

  /** Best effort: tells the owners the client verified at {@code at}, so they answer 1020. */
  void verified(ClientId clientId, Instant at, List<TaskRecord> owners);

  /** Best effort: tells the owners the client logged out, so they answer its next pulse 1060. */
  void loggedOut(ClientId clientId, List<TaskRecord> owners);
}
