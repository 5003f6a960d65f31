package dev.rendezvous.client.http;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;

/** One way to reach a peer, as {@code GET /peer/{id}/udp} lists them (most preferred first). */
public final class Candidate {
  /** What a candidate is, in order of preference. */
  public enum Kind {
    /** A local address the peer reported (shown only to callers behind the same public IPv4). */
    LAN,
    /** The source of the peer's last IPv6 pulse. */
    IPV6,
    /** The source of the peer's last IPv4 pulse: its NAT's public mapping. */
    MAPPING;

    /** The kind named in the JSON ({@code lan}, {@code ipv6}, {@code mapping}). */
    static Kind parse(String text) {
      try {
        return valueOf(text.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new UnexpectedReplyException("unknown candidate kind " + text);
      }
    }
  }

  private final String host;
  private final int port;
  private final Kind kind;

  public Candidate(String host, int port, Kind kind) {
    this.host = Objects.requireNonNull(host);
    this.port = port;
    this.kind = Objects.requireNonNull(kind);
  }

  /** A literal IP: dotted IPv4 or RFC 5952 IPv6. */
  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public Kind kind() {
    return kind;
  }

  /** 6 for an IPv6 host, else 4. */
  public int family() {
    return host.indexOf(':') >= 0 ? 6 : 4;
  }

  /** The candidate as a socket address (a literal IP: no DNS lookup). */
  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(host, port);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Candidate c && host.equals(c.host) && port == c.port && kind == c.kind;
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, kind);
  }

  @Override
  public String toString() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return kind.name().toLowerCase(Locale.ROOT) + " " + h + ":" + port;
  }
}
