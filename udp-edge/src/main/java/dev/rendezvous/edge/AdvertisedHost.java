package dev.rendezvous.edge;

import dev.rendezvous.core.config.InvalidSettingException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * Which address a task advertises in its heartbeat for its internal API: the one it is told, else
 * its bind address, else (bound to a wildcard, as in the container) the first site-local IPv4
 * address of an interface that is up (in a Fargate task, the task's private address in the VPC),
 * else its first other IPv4 address that is neither loopback nor link-local (a VPC whose CIDR is
 * outside RFC 1918).
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
    String fallback = null;
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (!(a instanceof Inet4Address) || a.isLoopbackAddress() || a.isLinkLocalAddress()) {
            continue;
          }
          if (a.isSiteLocalAddress()) {
            return a.getHostAddress();
          }
          if (fallback == null) {
            // A VPC may use a CIDR outside RFC 1918 (100.64.0.0/10, or a public range).
            fallback = a.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      throw new InvalidSettingException(
          "cannot list network interfaces to find the address to advertise; set "
              + EdgeSettings.INTERNAL_HOST);
    }
    if (fallback != null) {
      return fallback;
    }
    throw new InvalidSettingException(
        "bound to "
            + bindAddress
            + " but no IPv4 address besides loopback to advertise for the internal API; set "
            + EdgeSettings.INTERNAL_HOST);
  }
}
