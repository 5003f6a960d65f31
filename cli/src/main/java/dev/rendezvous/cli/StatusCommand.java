package dev.rendezvous.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "status",
    description = "Show a peer's liveness (ONLINE or PENDING) and seconds since its last pulse.")
final class StatusCommand implements Callable<Integer> {
  @ParentCommand RendezvousCli root;

  @Parameters(
      paramLabel = "PEER_ID",
      arity = "0..1",
      description = "The peer's client_id (default: this client).")
  String peer;

  @Override
  public Integer call() throws IOException {
    return root.callWithIdentity(
        me -> root.client().peerStatus(me, peer == null ? me.clientId() : Ids.parse(root, peer)),
        status ->
            root.out()
                .println(
                    status.clientId()
                        + " "
                        + status.status()
                        + " "
                        + status
                            .sinceLastPulse()
                            .map(d -> "last pulse " + d.toMillis() / 1000.0 + " s ago")
                            .orElse("never pulsed")));
  }
}
