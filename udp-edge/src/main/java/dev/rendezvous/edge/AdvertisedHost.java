package dev.rendezvous.edge;

import dev.rendezvous.protocol.net.HostText;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;

/**
 * Which address a task advertises in its heartbeat for its internal API: the one it is told, else
 * its bind address, else (bound to a wildcard, as in the container) the first site-local IPv4
 * address of an interface that is up (in a Fargate task: the task's private address in the VPC),
 * else its first other IPv4 address that is neither loopback nor link-local (a VPC whose CIDR is
 * outside RFC 1918), else 127.0.0.1 (a host with loopback only, where readers are local too).
 */
final class AdvertisedHost {
  private AdvertisedHost() {}

  static String of(String configured, String bindAddress) {
    if (configured != null && !configured.isBlank()) {
      return configured.trim();
    }
    if (!bindAddress.equals("0.0.0.0") && !bindAddress.equals("::")) {
      return bindAddress;
    }
    return firstIpv4(true).or(() -> firstIpv4(false)).orElse("127.0.0.1");
  }

  private static Optional<String> firstIpv4(boolean siteLocalOnly) {
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (!(a instanceof Inet4Address) || a.isLoopbackAddress() || a.isLinkLocalAddress()) {
            continue;
          }
          if (!siteLocalOnly || a.isSiteLocalAddress()) {
            return Optional.of(HostText.of(a));
          }
        }
      }
    } catch (SocketException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
