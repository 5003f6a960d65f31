package dev.rendezvous.cli;

import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.MalformedCredentialException;
import picocli.CommandLine.ParameterException;

/** Parses a client_id argument into a usage error when it is malformed. */
final class Ids {
  private Ids() {}

  static ClientId parse(RendezvousCli root, String text) {
    try {
      return ClientId.parse(text.trim());
    } catch (MalformedCredentialException e) {
      throw new ParameterException(
          root.spec.commandLine(), "'" + text + "' is not a client_id (32 hex characters)");
    }
  }
}
