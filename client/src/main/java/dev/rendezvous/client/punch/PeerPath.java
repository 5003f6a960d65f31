package dev.rendezvous.client.punch;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The path a successful punch opened.
 *
 * @param local the socket's local address
 * @param localPublic this client's public mapping as the edge saw it (v2 only)
 * @param remote where the peer's replies come from (its public mapping)
 * @param seenByPeer this client's address as the peer saw it (from its PUNCH_ACK)
 */
public record PeerPath(
    InetSocketAddress local,
    Optional<InetSocketAddress> localPublic,
    InetSocketAddress remote,
    Optional<InetSocketAddress> seenByPeer) {

  @Override
  public String toString() {
    return local + localPublic.map(p -> " (public " + p + ")").orElse("") + " <-> " + remote;
  }
}
