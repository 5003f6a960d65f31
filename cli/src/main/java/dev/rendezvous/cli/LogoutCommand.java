package dev.rendezvous.cli;

import java.io.IOException;
import java.nio.file.Files;
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
    return root.callWithIdentity(
        me -> root.client().logout(me),
        id -> {
          root.out().println("logged out " + id);
          if (!keepFile) {
            Files.deleteIfExists(root.identity);
            root.out().println("deleted " + root.identity);
          }
        });
  }
}
