package dev.rendezvous.core.registry;

/**
 * A client's own public address and port as the edge observed it: the source of a pulse, which is
 * the client's NAT mapping. Peers look it up to punch to it. {@code host} is the textual IP address
 * (dotted IPv4 or IPv6); nothing assumes four bytes.
 */
public record ObservedAddress(String host, int port) {
  public ObservedAddress {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
  }
}
