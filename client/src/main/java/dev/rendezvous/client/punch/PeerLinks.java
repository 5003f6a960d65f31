package dev.rendezvous.client.punch;

import dev.rendezvous.protocol.identity.ClientId;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A session's open links: by peer, and by the remote address of their path. Thread-safe. */
final class PeerLinks {
  private final Map<ClientId, PeerLink> byPeer = new ConcurrentHashMap<>();
  private final Map<InetSocketAddress, PeerLink> byRemote = new ConcurrentHashMap<>();

  PeerLink get(ClientId peer) {
    return byPeer.get(peer);
  }

  /** A live view of every open link. */
  Collection<PeerLink> all() {
    return byPeer.values();
  }

  /** Adds a new link; returns the link to the same peer it replaces, or null. */
  PeerLink add(PeerLink link) {
    PeerLink old = byPeer.put(link.peer(), link);
    byRemote.put(link.path().remote(), link);
    return old;
  }

  /** The link moved from {@code old} to its current path. */
  void moved(PeerLink link, PeerPath old) {
    byRemote.remove(old.remote(), link);
    byRemote.put(link.path().remote(), link);
  }

  void remove(PeerLink link) {
    byPeer.remove(link.peer(), link);
    byRemote.remove(link.path().remote(), link);
  }

  /**
   * The link a datagram belongs to: the one whose path it came on, or (the two sides may keep
   * different paths, e.g. one a LAN path, the other the mapping) the one whose peer signs with the
   * datagram's nonce (an acknowledgement echoes this side's own nonce); null if none.
   */
  PeerLink of(InetSocketAddress source, PeerMessage m) {
    PeerLink link = byRemote.get(source);
    if (link != null || m.nonce() == 0) {
      return link;
    }
    for (PeerLink l : byPeer.values()) {
      long nonce = m.type() == PeerMessage.Type.PUNCH_ACK ? l.myNonce() : l.peerNonce();
      if (nonce == m.nonce()) {
        return l;
      }
    }
    return null;
  }
}
