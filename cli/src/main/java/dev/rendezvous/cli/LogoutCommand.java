package dev.rendezvous.cli;

import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "logout",
    description = "Remove this client from the service at once, then delete the identity file.")
final class LogoutCommand implements Callable<Integer> {
  @ParentCommand RendezvousCli root;

  @Option(names = "--keep-file", description = "Keep the (now useless) identity file.")
  boolean keepFile;

  @Override
  public Integer call() throws IOException {
    Optional<ClientCredentials> me = root.loadIdentity();
    if (me.isEmpty()) {
      return ExitCodes.NOT_REGISTERED;
    }
    RendezvousCli.Result<ClientId> r = root.await(root.client().logout(me.get()));
    if (!r.ok()) {
      return r.exitCode();
    }
    root.out().println("logged out " + r.value());
    if (!keepFile) {
      Files.deleteIfExists(root.identity);
      root.out().println("deleted " + root.identity);
    }
    return ExitCodes.OK;
  }
}
