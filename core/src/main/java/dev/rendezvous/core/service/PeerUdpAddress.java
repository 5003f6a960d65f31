package dev.rendezvous.core.service;

import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Instant;
import java.util.List;

/**
 * A peer's public UDP address as seen on its last accepted pulse, and when it was seen, with every
 * way in the caller may use.
 *
 * @param candidates the peer's candidates in order of preference (LAN, IPv6, IPv4 mapping), those
 *     the caller is entitled to see
 * @param at the instant the request was judged at
 */
public record PeerUdpAddress(
    ClientId clientId,
    ObservedAddress address,
    Instant lastPulseAt,
    List<Candidate> candidates,
    Instant at) {
  public PeerUdpAddress {
    candidates = List.copyOf(candidates);
  }
}
