package dev.rendezvous.cli;

import dev.rendezvous.client.http.Responses;
import dev.rendezvous.protocol.identity.ClientCredentials;
import java.util.Optional;
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
  public Integer call() {
    Optional<ClientCredentials> me = root.loadIdentity();
    if (me.isEmpty()) {
      return ExitCodes.NOT_REGISTERED;
    }
    RendezvousCli.Result<Responses.PeerStatus> r =
        root.await(
            root.client()
                .peerStatus(me.get(), peer == null ? me.get().clientId() : Ids.parse(root, peer)));
    if (r.ok()) {
      root.out()
          .println(
              r.value().clientId()
                  + " "
                  + r.value().status()
                  + " "
                  + r.value()
                      .sinceLastPulse()
                      .map(d -> "last pulse " + d.toMillis() / 1000.0 + " s ago")
                      .orElse("never pulsed"));
    }
    return r.exitCode();
  }
}
