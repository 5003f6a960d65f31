package dev.rendezvous.cli;

import dev.rendezvous.client.http.Responses;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "peer", description = "Show a peer's public UDP address (host:port).")
final class PeerCommand implements Callable<Integer> {
  @ParentCommand RendezvousCli root;

  @Parameters(paramLabel = "PEER_ID", description = "The peer's client_id (32 hex characters).")
  String peer;

  @Override
  public Integer call() {
    Optional<ClientCredentials> me = root.loadIdentity();
    if (me.isEmpty()) {
      return ExitCodes.NOT_REGISTERED;
    }
    ClientId id = Ids.parse(root, peer);
    RendezvousCli.Result<Responses.PeerAddress> r =
        root.await(root.client().peerAddress(me.get(), id));
    if (r.ok()) {
      root.out().println(r.value().host() + ":" + r.value().port());
    }
    return r.exitCode();
  }
}
