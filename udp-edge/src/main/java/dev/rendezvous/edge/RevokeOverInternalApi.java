package dev.rendezvous.edge;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.edge.live.PreviousOwners;
import dev.rendezvous.internalapi.InternalApiClient;
import dev.rendezvous.internalapi.InternalEndpoint;
import dev.rendezvous.protocol.identity.ClientId;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a previous owner to revoke, through the internal API client. The call is handed to the
 * client's own thread at once (building an HTTP request is not work for an event loop); failures
 * are only logged: the previous owner's next conditional write fails LOST anyway.
 */
final class RevokeOverInternalApi implements PreviousOwners {
  private static final Logger LOG = LoggerFactory.getLogger(RevokeOverInternalApi.class);

  private final InternalApiClient client;
  private final ExecutorService caller;

  RevokeOverInternalApi(InternalApiClient client, ExecutorService caller) {
    this.client = client;
    this.caller = caller;
  }

  @Override
  public void revoke(
      TaskRecord previous, ClientId clientId, AddressFamily family, long newerEpoch) {
    try {
      caller.execute(
          () -> {
            var unused =
                client
                    .revoke(InternalEndpoint.of(previous), clientId, family, newerEpoch)
                    .whenComplete(
                        (ok, error) -> {
                          if (error != null) {
                            LOG.atDebug()
                                .addKeyValue("event", "revoke_failed")
                                .addKeyValue("task", previous.task())
                                .log("the previous owner was not told; its next write fails");
                          }
                        });
          });
    } catch (RejectedExecutionException | IllegalArgumentException e) {
      LOG.atDebug().addKeyValue("event", "revoke_skipped").log("revoke not sent: {}", e.toString());
    }
  }
}
