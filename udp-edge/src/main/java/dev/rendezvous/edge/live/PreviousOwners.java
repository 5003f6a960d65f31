package dev.rendezvous.edge.live;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.protocol.identity.ClientId;

/**
 * How a new owner tells the previous one to let go of a (client, family): the internal API's revoke
 * call. Best effort and asynchronous: if it fails, the previous owner's next conditional write
 * fails LOST and it drops the client then.
 */
@FunctionalInterface
public interface PreviousOwners {
  void revoke(TaskRecord previous, ClientId clientId, AddressFamily family, long newerEpoch);
}
