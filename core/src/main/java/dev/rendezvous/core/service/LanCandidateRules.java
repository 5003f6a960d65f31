package dev.rendezvous.core.service;

import dev.rendezvous.core.InvalidRequestException;
import dev.rendezvous.core.InvalidRequestException.Reason;
import dev.rendezvous.core.directory.LanCandidates;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.protocol.net.HostText;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a client may report as its LAN candidates: at most {@link LanCandidates#MAX} IP literals
 * (never names), each a unicast address a neighbour could reach (not loopback, link-local,
 * multicast or the wildcard), with a port 1..65535. Hosts are stored in canonical text; duplicates
 * count once.
 */
final class LanCandidateRules {
  private LanCandidateRules() {}

  static List<ObservedAddress> validated(List<ObservedAddress> reported) {
    if (reported.size() > LanCandidates.MAX) {
      throw invalid("at most " + LanCandidates.MAX + " candidates, got " + reported.size());
    }
    Set<ObservedAddress> out = new LinkedHashSet<>();
    for (ObservedAddress candidate : reported) {
      InetAddress ip;
      try {
        ip = HostText.parseLiteral(candidate.host());
      } catch (IllegalArgumentException e) {
        throw invalid("candidate host is not an IP address: " + candidate.host());
      }
      if (ip.isLoopbackAddress()
          || ip.isLinkLocalAddress()
          || ip.isMulticastAddress()
          || ip.isAnyLocalAddress()) {
        throw invalid("candidate host " + candidate.host() + " is not reachable from a LAN");
      }
      out.add(new ObservedAddress(HostText.of(ip), candidate.port()));
    }
    return new ArrayList<>(out);
  }

  private static InvalidRequestException invalid(String message) {
    return new InvalidRequestException(Reason.BODY_MALFORMED, message);
  }
}
