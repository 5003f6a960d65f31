package dev.rendezvous.internalapi;

import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.MalformedCredentialException;
import java.util.Optional;

/**
 * One internal API route applied to one client. {@link #path()} builds the request path; {@link
 * #parse(String)} recognises one (nothing else: no query string, no trailing slash, exactly 32 hex
 * characters of client_id).
 */
public record InternalRoute(InternalAction action, ClientId clientId) {
  /** Every internal route starts with this; later routes go under the same prefix. */
  public static final String PREFIX = "/internal/v1/";

  static final String CLIENTS = PREFIX + "clients/";

  public String path() {
    return CLIENTS + clientId.hex() + action.suffix();
  }

  public String method() {
    return action.method();
  }

  /** The route a request path names, or empty if it names none. */
  public static Optional<InternalRoute> parse(String path) {
    if (path == null || !path.startsWith(CLIENTS)) {
      return Optional.empty();
    }
    String rest = path.substring(CLIENTS.length());
    if (rest.length() < ClientId.LENGTH_HEX) {
      return Optional.empty();
    }
    String suffix = rest.substring(ClientId.LENGTH_HEX);
    for (InternalAction action : InternalAction.values()) {
      if (action.suffix().equals(suffix)) {
        return clientId(rest.substring(0, ClientId.LENGTH_HEX))
            .map(id -> new InternalRoute(action, id));
      }
    }
    return Optional.empty();
  }

  private static Optional<ClientId> clientId(String hex) {
    try {
      return Optional.of(ClientId.parse(hex));
    } catch (MalformedCredentialException e) {
      return Optional.empty();
    }
  }
}
