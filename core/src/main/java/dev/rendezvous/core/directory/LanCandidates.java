package dev.rendezvous.core.directory;

import dev.rendezvous.core.registry.ObservedAddress;
import java.util.List;
import java.util.Optional;

/**
 * The local (LAN) addresses and ports a client reported for its socket, and the public IPv4 address
 * it was recorded behind when it reported them. Only peers behind that same public address are
 * shown them (docs/security.md, "Who sees LAN candidates"), and only while the client is still
 * recorded there.
 *
 * @param behind the client's recorded public IPv4 host when it reported; empty if it had none (the
 *     candidates are then shown to nobody)
 * @param addresses at most {@link #MAX} canonical IP literals with ports
 */
public record LanCandidates(Optional<String> behind, List<ObservedAddress> addresses) {
  /** Enough for a phone or a laptop (Wi-Fi and Ethernet, one IPv4 and one IPv6 address each). */
  public static final int MAX = 4;

  public static final LanCandidates NONE = new LanCandidates(Optional.empty(), List.of());

  public LanCandidates {
    addresses = List.copyOf(addresses);
    if (addresses.size() > MAX) {
      throw new IllegalArgumentException("at most " + MAX + " LAN candidates");
    }
  }

  /** The candidates a peer recorded at {@code peerPublicIpv4} may see while the client is at it. */
  public List<ObservedAddress> visibleTo(
      Optional<String> peerPublicIpv4, Optional<String> clientPublicIpv4) {
    boolean sameNat =
        behind.isPresent() && behind.equals(peerPublicIpv4) && behind.equals(clientPublicIpv4);
    return sameNat ? addresses : List.of();
  }
}
