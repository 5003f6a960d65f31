package dev.rendezvous.cli;

import java.io.IOException;
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
  public Integer call() throws IOException {
    return root.callWithIdentity(
        me -> root.client().peerAddress(me, Ids.parse(root, peer)),
        address -> root.out().println(address.host() + ":" + address.port()));
  }
}
