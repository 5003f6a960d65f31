package dev.rendezvous.core.registry;

/**
 * The public address and port a pulse arrived from, as the edge saw it. {@code host} is the textual
 * IP address (dotted IPv4 or IPv6); nothing assumes four bytes.
 */
public record PeerAddress(String host, int port) {
  public PeerAddress {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
  }
}
