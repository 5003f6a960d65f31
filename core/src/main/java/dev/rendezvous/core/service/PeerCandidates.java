package dev.rendezvous.core.service;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.FamilyEntry;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.timing.LivenessRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which of a peer's ways in a caller gets to see (docs/security.md, "Who sees LAN candidates"): the
 * public ones (the source of its last IPv6 pulse, its IPv4 mapping) to every authenticated caller,
 * as {@code host}/{@code port} always were; its LAN addresses only to a caller recorded behind the
 * same public IPv4 address as the peer, and only while the peer is still recorded behind the public
 * IPv4 address it reported them from. A family counts while it is live (its last pulse within the
 * online window, or its owner's lease), so a family the client stopped using is not offered.
 */
final class PeerCandidates {
  private PeerCandidates() {}

  static List<Candidate> of(
      DirectoryEntry caller, DirectoryEntry peer, LivenessRules rules, Instant now) {
    List<Candidate> out = new ArrayList<>();
    Optional<String> peerIpv4 = peer.publicIpv4();
    for (ObservedAddress lan : peer.lanCandidates().visibleTo(caller.publicIpv4(), peerIpv4)) {
      out.add(new Candidate(AddressFamily.of(lan), lan, Candidate.Kind.LAN));
    }
    live(peer, AddressFamily.IPV6, rules, now)
        .ifPresent(f -> out.add(new Candidate(f.family(), f.address(), Candidate.Kind.IPV6)));
    live(peer, AddressFamily.IPV4, rules, now)
        .ifPresent(f -> out.add(new Candidate(f.family(), f.address(), Candidate.Kind.MAPPING)));
    return out;
  }

  private static Optional<FamilyEntry> live(
      DirectoryEntry peer, AddressFamily family, LivenessRules rules, Instant now) {
    Instant since = rules.onlineSince(now);
    return peer.family(family)
        .filter(f -> !f.lastPulseAt().isBefore(since) || !f.onlineUntil().isBefore(now));
  }
}
