package dev.rendezvous.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "verify", description = "Revive this client if it is PENDING (POST /verify).")
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand RendezvousCli root;

  @Override
  public Integer call() throws IOException {
    return root.callWithIdentity(
        me -> root.client().verify(me),
        verified ->
            root.out().println(verified.revived() ? "revived (was PENDING)" : "already ONLINE"));
  }
}
