package dev.rendezvous.edge.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * The address a task writes in its heartbeat for readers to reach its internal API: {@code
 * RENDEZVOUS_INTERNAL_HOST} when set; else the bind address, unless that is a wildcard (the image
 * binds 0.0.0.0), in which case the task's first site-local IPv4 address (in Fargate, the task's
 * private address on its network interface), else loopback.
 */
public final class AdvertisedHost {
  public static final String INTERNAL_HOST = "RENDEZVOUS_INTERNAL_HOST";

  private AdvertisedHost() {}

  public static String of(Map<String, String> env, String bindAddress) {
    String configured = env.get(INTERNAL_HOST);
    if (configured != null && !configured.isBlank()) {
      return configured.trim();
    }
    if (!isWildcard(bindAddress)) {
      return bindAddress;
    }
    return privateIpv4().orElse("127.0.0.1");
  }

  /** Where this process reaches its own internal API (for the warm-up call at start). */
  public static String loopbackFor(String bindAddress) {
    return isWildcard(bindAddress) ? "127.0.0.1" : bindAddress;
  }

  private static boolean isWildcard(String bindAddress) {
    return bindAddress.equals("0.0.0.0") || bindAddress.equals("::") || bindAddress.equals("[::]");
  }

  private static Optional<String> privateIpv4() {
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address && address.isSiteLocalAddress()) {
            return Optional.of(address.getHostAddress());
          }
        }
      }
    } catch (SocketException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
