package dev.rendezvous.client.punch;

import dev.rendezvous.protocol.net.HostText;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/** The path a successful punch opened. */
public final class PeerPath {
  private final InetSocketAddress local;
  private final Optional<InetSocketAddress> localPublic;
  private final InetSocketAddress remote;
  private final Optional<InetSocketAddress> seenByPeer;

  /**
   * A path between this client's socket and a peer.
   *
   * @param local the socket's local address
   * @param localPublic this client's public mapping as the edge saw it (v2 only)
   * @param remote where the peer's replies come from (its public mapping)
   * @param seenByPeer this client's address as the peer saw it (from its PUNCH_ACK)
   */
  public PeerPath(
      InetSocketAddress local,
      Optional<InetSocketAddress> localPublic,
      InetSocketAddress remote,
      Optional<InetSocketAddress> seenByPeer) {
    this.local = Objects.requireNonNull(local);
    this.localPublic = Objects.requireNonNull(localPublic);
    this.remote = Objects.requireNonNull(remote);
    this.seenByPeer = Objects.requireNonNull(seenByPeer);
  }

  /** The socket's local address. */
  public InetSocketAddress local() {
    return local;
  }

  /** This client's public mapping as the edge saw it (v2 only). */
  public Optional<InetSocketAddress> localPublic() {
    return localPublic;
  }

  /** Where the peer's replies come from (its public mapping). */
  public InetSocketAddress remote() {
    return remote;
  }

  /** This client's address as the peer saw it (from its PUNCH_ACK). */
  public Optional<InetSocketAddress> seenByPeer() {
    return seenByPeer;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerPath p
        && local.equals(p.local)
        && localPublic.equals(p.localPublic)
        && remote.equals(p.remote)
        && seenByPeer.equals(p.seenByPeer);
  }

  @Override
  public int hashCode() {
    return Objects.hash(local, localPublic, remote, seenByPeer);
  }

  @Override
  public String toString() {
    return HostText.of(local)
        + localPublic.map(p -> " (public " + HostText.of(p) + ")").orElse("")
        + " <-> "
        + HostText.of(remote);
  }
}
