package dev.rendezvous.cli;

import dev.rendezvous.client.IdentityFile;
import dev.rendezvous.client.http.Responses;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "register",
    description =
        "Get a new identity from the service and save it to the identity file (mode 600).")
final class RegisterCommand implements Callable<Integer> {
  @ParentCommand RendezvousCli root;

  @Option(names = "--force", description = "Overwrite an existing identity file.")
  boolean force;

  @Override
  public Integer call() throws IOException {
    if (Files.exists(root.identity) && !force) {
      root.err().println(root.identity + " exists; use --force to replace it, or -i OTHER_FILE");
      return ExitCodes.USAGE;
    }
    RendezvousCli.Result<Responses.Registered> r = root.await(root.client().register());
    if (!r.ok()) {
      return r.exitCode();
    }
    IdentityFile.save(root.identity, r.value().identity(), true);
    root.out().println("registered client_id " + r.value().identity().clientId());
    root.out().println("identity saved to " + root.identity + " (keep it private)");
    return ExitCodes.OK;
  }
}
