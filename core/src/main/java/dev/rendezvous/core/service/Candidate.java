package dev.rendezvous.core.service;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.registry.ObservedAddress;

/**
 * One way to reach a peer: an address family, host (canonical text) and port, and what kind of way
 * it is. Peers try them all at once and keep the first that answers, preferring {@link Kind#LAN},
 * then {@link Kind#IPV6}, then {@link Kind#MAPPING}.
 */
public record Candidate(AddressFamily family, ObservedAddress address, Kind kind) {
  /** What a candidate is. */
  public enum Kind {
    /** A local address the client reported, shown only to peers behind the same public IPv4. */
    LAN,
    /** The source of the client's last IPv6 pulse (no NAT in IPv6, usually a firewall). */
    IPV6,
    /** The source of the client's last IPv4 pulse: its public NAT mapping. */
    MAPPING
  }

  /** 4 or 6. */
  public int familyNumber() {
    return family == AddressFamily.IPV6 ? 6 : 4;
  }
}
