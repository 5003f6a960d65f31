package dev.rendezvous.client.session;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;

/**
 * Opens the session's one UDP socket. Bound to a wildcard address (the default), it is a dual-stack
 * IPv6 socket where the platform has IPv6, so the same port reaches IPv4 peers and edges (as
 * IPv4-mapped addresses, which Java shows as plain IPv4) and IPv6 ones: a peer can then punch this
 * client over either family. Bound to one address, or without IPv6, it is a socket of that family.
 */
final class SessionSocket {
  private SessionSocket() {}

  static DatagramChannel open(SessionConfig config) throws IOException {
    InetSocketAddress bind = config.bindAddress();
    InetAddress ip = bind.getAddress();
    if (ip != null && ip.isAnyLocalAddress()) {
      try {
        DatagramChannel dual = DatagramChannel.open(StandardProtocolFamily.INET6);
        try {
          dual.bind(new InetSocketAddress(bind.getPort())); // :: (both families)
          return dual;
        } catch (IOException | RuntimeException e) {
          dual.close();
        }
      } catch (UnsupportedOperationException | IOException e) {
        // no IPv6 on this host: an IPv4 socket below
      }
      boolean v6Edge = config.edge().getAddress() instanceof Inet6Address;
      DatagramChannel single =
          DatagramChannel.open(v6Edge ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
      single.bind(bind);
      return single;
    }
    DatagramChannel single =
        DatagramChannel.open(
            ip instanceof Inet6Address
                ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET);
    single.bind(bind);
    return single;
  }

  /** True when the socket can send to IPv6 addresses. */
  static boolean speaksIpv6(InetSocketAddress local) {
    return local.getAddress() instanceof Inet6Address;
  }
}
