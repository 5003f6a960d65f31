package dev.rendezvous.client.session;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The LAN addresses a neighbour could reach this client's socket at: the socket's own address when
 * it is bound to one, else every address of every interface that is up (IPv4 first, then IPv6 if
 * the socket can send IPv6), leaving out loopback, link-local and multicast addresses; at most
 * {@link #MAX} (what the service keeps).
 */
final class LocalCandidates {
  static final int MAX = 4;

  private LocalCandidates() {}

  static List<InetSocketAddress> of(InetSocketAddress socket, boolean ipv6Capable) {
    int port = socket.getPort();
    if (!socket.getAddress().isAnyLocalAddress()) {
      return usable(socket.getAddress())
          ? Collections.singletonList(socket)
          : Collections.<InetSocketAddress>emptyList();
    }
    List<InetSocketAddress> v4 = new ArrayList<>();
    List<InetSocketAddress> v6 = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (!usable(a)) {
            continue;
          }
          if (a instanceof Inet4Address) {
            v4.add(new InetSocketAddress(a, port));
          } else if (ipv6Capable && a instanceof Inet6Address) {
            v6.add(new InetSocketAddress(stripScope(a), port));
          }
        }
      }
    } catch (SocketException e) {
      return Collections.emptyList();
    }
    List<InetSocketAddress> out = new ArrayList<>(v4);
    out.addAll(v6);
    return out.size() > MAX ? new ArrayList<>(out.subList(0, MAX)) : out;
  }

  private static boolean usable(InetAddress a) {
    return !a.isLoopbackAddress()
        && !a.isLinkLocalAddress()
        && !a.isMulticastAddress()
        && !a.isAnyLocalAddress();
  }

  private static InetAddress stripScope(InetAddress a) {
    try {
      return InetAddress.getByAddress(a.getAddress());
    } catch (java.net.UnknownHostException e) {
      return a;
    }
  }
}
