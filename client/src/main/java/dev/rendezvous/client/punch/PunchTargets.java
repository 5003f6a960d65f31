package dev.rendezvous.client.punch;

import dev.rendezvous.client.http.Candidate;
import dev.rendezvous.client.http.Responses;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where a punch goes: every candidate of the peer this socket can send to (IPv6 ones only from a
 * socket that speaks IPv6), each with its kind, so that the answer from the most preferred kind
 * (LAN, then IPv6, then the IPv4 mapping) can be kept.
 */
final class PunchTargets {
  private final Map<InetSocketAddress, Candidate.Kind> kinds;
  private final Candidate.Kind best;

  private PunchTargets(Map<InetSocketAddress, Candidate.Kind> kinds) {
    this.kinds = Collections.unmodifiableMap(kinds);
    Candidate.Kind b = Candidate.Kind.MAPPING;
    for (Candidate.Kind k : kinds.values()) {
      if (k.ordinal() < b.ordinal()) {
        b = k;
      }
    }
    this.best = b;
  }

  static PunchTargets of(Responses.PeerAddress peer, boolean ipv6Capable) {
    Map<InetSocketAddress, Candidate.Kind> kinds = new LinkedHashMap<>();
    for (Candidate c : peer.candidates()) {
      if (c.family() == 6 && !ipv6Capable) {
        continue;
      }
      kinds.putIfAbsent(c.socketAddress(), c.kind());
    }
    if (kinds.isEmpty()) {
      kinds.put(peer.socketAddress(), Candidate.Kind.MAPPING); // what the seed service answered
    }
    return new PunchTargets(kinds);
  }

  /** These targets and {@code also} (a link's current remote), unless it is one of them already. */
  PunchTargets with(InetSocketAddress also) {
    if (kinds.containsKey(also)) {
      return this;
    }
    Map<InetSocketAddress, Candidate.Kind> more = new LinkedHashMap<>(kinds);
    more.put(also, Candidate.Kind.MAPPING);
    return new PunchTargets(more);
  }

  Set<InetSocketAddress> addresses() {
    return kinds.keySet();
  }

  /** The kind of the candidate at {@code source}; any other source counts as a mapping. */
  Candidate.Kind kindOf(InetSocketAddress source) {
    Candidate.Kind k = kinds.get(source);
    return k == null ? Candidate.Kind.MAPPING : k;
  }

  /** True when no target is preferred over a path of {@code kind}. */
  boolean isBest(Candidate.Kind kind) {
    return kind.ordinal() <= best.ordinal();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<InetSocketAddress, Candidate.Kind> e : kinds.entrySet()) {
      out.append(out.length() == 0 ? "" : ", ")
          .append(
              new Candidate(
                  dev.rendezvous.protocol.net.HostText.of(e.getKey().getAddress()),
                  e.getKey().getPort(),
                  e.getValue()));
    }
    return out.toString();
  }
}
