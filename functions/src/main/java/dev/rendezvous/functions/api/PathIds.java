package dev.rendezvous.functions.api;

import dev.rendezvous.core.InvalidRequestException;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.MalformedCredentialException;

/** Reads the client_id of a path; a malformed one is the caller's error, not a server one. */
final class PathIds {
  private PathIds() {}

  static ClientId clientId(String text) {
    try {
      return ClientId.parse(text);
    } catch (MalformedCredentialException e) {
      throw new InvalidRequestException(
          InvalidRequestException.Reason.CLIENT_ID_MALFORMED, e.getMessage());
    }
  }
}
