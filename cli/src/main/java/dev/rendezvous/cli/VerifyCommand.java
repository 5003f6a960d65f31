package dev.rendezvous.cli;

import dev.rendezvous.client.http.Responses;
import dev.rendezvous.protocol.identity.ClientCredentials;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "verify", description = "Revive this client if it is PENDING (POST /verify).")
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand RendezvousCli root;

  @Override
  public Integer call() {
    Optional<ClientCredentials> me = root.loadIdentity();
    if (me.isEmpty()) {
      return ExitCodes.NOT_REGISTERED;
    }
    RendezvousCli.Result<Responses.Verified> r = root.await(root.client().verify(me.get()));
    if (r.ok()) {
      root.out().println(r.value().revived() ? "revived (was PENDING)" : "already ONLINE");
    }
    return r.exitCode();
  }
}
