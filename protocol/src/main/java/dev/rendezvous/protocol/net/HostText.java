package dev.rendezvous.protocol.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The one text form of an IP address that the service and the SDK produce: dotted decimal for IPv4
 * (also for an IPv4-mapped IPv6 address, {@code ::ffff:a.b.c.d}, which is how a dual-stack socket
 * sees IPv4 senders), and the canonical IPv6 text of RFC 5952 otherwise: lower-case hex, no leading
 * zeros, the longest run of two or more zero groups (the first, on a tie) shortened to {@code ::},
 * never a scope. So {@code ::1}, never {@code 0:0:0:0:0:0:0:1} as {@link
 * InetAddress#getHostAddress()} writes it.
 */
public final class HostText {
  private static final int GROUPS = 8;

  private HostText() {}

  /** The canonical text of {@code address}. */
  public static String of(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length == 4) {
      return dotted(bytes, 0);
    }
    if (isIpv4Mapped(bytes)) {
      return dotted(bytes, 12);
    }
    return ipv6(bytes);
  }

  /** {@code host:port}, with the host in brackets for IPv6 ({@code [::1]:5024}). */
  public static String of(InetSocketAddress address) {
    InetAddress ip = address.getAddress();
    if (ip == null) {
      return address.getHostString() + ":" + address.getPort();
    }
    String host = of(ip);
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  /**
   * The canonical text of a literal address given as text (any valid IPv4 or IPv6 literal, with or
   * without brackets or scope). Never resolves names.
   *
   * @throws IllegalArgumentException if {@code literal} is not an IP literal
   */
  public static String canonical(String literal) {
    return of(parseLiteral(literal));
  }

  /**
   * The address of an IP literal; never a DNS lookup.
   *
   * @throws IllegalArgumentException if {@code literal} is not an IPv4 or IPv6 literal
   */
  public static InetAddress parseLiteral(String literal) {
    String s = literal.trim();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    int scope = s.indexOf('%');
    if (scope >= 0) {
      s = s.substring(0, scope);
    }
    try {
      if (s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
        byte[] v4 = new byte[4];
        String[] parts = s.split("\\.", -1);
        for (int i = 0; i < 4; i++) {
          int octet = Integer.parseInt(parts[i]);
          if (octet > 255) {
            throw new IllegalArgumentException("not an IP address: " + literal);
          }
          v4[i] = (byte) octet;
        }
        return InetAddress.getByAddress(v4);
      }
      if (s.indexOf(':') >= 0 && s.matches("[0-9A-Fa-f:.]+")) {
        // In brackets, an invalid IPv6 literal is an error, never a name to look up.
        return InetAddress.getByName("[" + s + "]");
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + literal, e);
    }
    throw new IllegalArgumentException("not an IP address: " + literal);
  }

  private static boolean isIpv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }

  private static String dotted(byte[] b, int from) {
    return (b[from] & 0xff)
        + "."
        + (b[from + 1] & 0xff)
        + "."
        + (b[from + 2] & 0xff)
        + "."
        + (b[from + 3] & 0xff);
  }

  private static String ipv6(byte[] b) {
    int[] groups = new int[GROUPS];
    for (int i = 0; i < GROUPS; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1; // a single zero group is never shortened (RFC 5952, 4.2.2)
    for (int i = 0; i < GROUPS; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < GROUPS && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder out = new StringBuilder(39);
    for (int i = 0; i < GROUPS; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }
}
