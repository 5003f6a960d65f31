package dev.rendezvous.client.http;

import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The response shapes of the HTTP API (docs/openapi.yaml). Plain immutable values; every one
 * carries the service's clock ({@code timestamp}) at the time it answered.
 */
public final class Responses {
  private Responses() {}

  /** {@code POST /register}: the new identity; save it, the key is shown only once. */
  public static final class Registered {
    private final ClientCredentials identity;
    private final Instant serverTime;

    public Registered(ClientCredentials identity, Instant serverTime) {
      this.identity = Objects.requireNonNull(identity);
      this.serverTime = Objects.requireNonNull(serverTime);
    }

    public ClientCredentials identity() {
      return identity;
    }

    public Instant serverTime() {
      return serverTime;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Registered r
          && identity.equals(r.identity)
          && serverTime.equals(r.serverTime);
    }

    @Override
    public int hashCode() {
      return Objects.hash(identity, serverTime);
    }

    @Override
    public String toString() {
      return "Registered[" + identity + ", serverTime=" + serverTime + "]";
    }
  }

  /** {@code POST /verify}. */
  public static final class Verified {
    private final ClientId clientId;
    private final boolean revived;
    private final Instant serverTime;

    public Verified(ClientId clientId, boolean revived, Instant serverTime) {
      this.clientId = Objects.requireNonNull(clientId);
      this.revived = revived;
      this.serverTime = Objects.requireNonNull(serverTime);
    }

    public ClientId clientId() {
      return clientId;
    }

    /** True when a PENDING client became ONLINE, false when it already was ONLINE. */
    public boolean revived() {
      return revived;
    }

    public Instant serverTime() {
      return serverTime;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Verified v
          && clientId.equals(v.clientId)
          && revived == v.revived
          && serverTime.equals(v.serverTime);
    }

    @Override
    public int hashCode() {
      return Objects.hash(clientId, revived, serverTime);
    }

    @Override
    public String toString() {
      return "Verified[" + clientId + ", revived=" + revived + ", serverTime=" + serverTime + "]";
    }
  }

  /** {@code GET /peer/{id}/udp}: where the peer's last accepted pulse came from. */
  public static final class PeerAddress {
    private final ClientId clientId;
    private final String host;
    private final int port;
    private final Instant serverTime;
    private final List<Candidate> candidates;

    public PeerAddress(ClientId clientId, String host, int port, Instant serverTime) {
      this(clientId, host, port, serverTime, Collections.<Candidate>emptyList());
    }

    /**
     * @param candidates the peer's candidates as the service listed them (empty from a service that
     *     lists none)
     */
    public PeerAddress(
        ClientId clientId, String host, int port, Instant serverTime, List<Candidate> candidates) {
      this.clientId = Objects.requireNonNull(clientId);
      this.host = Objects.requireNonNull(host);
      this.port = port;
      this.serverTime = Objects.requireNonNull(serverTime);
      this.candidates = Collections.unmodifiableList(new ArrayList<>(candidates));
    }

    /**
     * Every way in this client may use, most preferred first; from a service that lists none, the
     * one address as its IPv4 mapping (or IPv6 source).
     */
    public List<Candidate> candidates() {
      if (!candidates.isEmpty()) {
        return candidates;
      }
      Candidate.Kind kind = host.indexOf(':') >= 0 ? Candidate.Kind.IPV6 : Candidate.Kind.MAPPING;
      return Collections.singletonList(new Candidate(host, port, kind));
    }

    public ClientId clientId() {
      return clientId;
    }

    /** The address as a literal IP, IPv4 dotted or IPv6 text. */
    public String host() {
      return host;
    }

    public int port() {
      return port;
    }

    public Instant serverTime() {
      return serverTime;
    }

    /** The address as a socket address (host is a literal IP, so no DNS lookup happens). */
    public InetSocketAddress socketAddress() {
      return new InetSocketAddress(host, port);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PeerAddress a
          && clientId.equals(a.clientId)
          && host.equals(a.host)
          && port == a.port
          && serverTime.equals(a.serverTime)
          && candidates.equals(a.candidates);
    }

    @Override
    public int hashCode() {
      return Objects.hash(clientId, host, port, serverTime, candidates);
    }

    @Override
    public String toString() {
      return "PeerAddress[" + clientId + " at " + host + ":" + port + "]";
    }
  }

  /** A peer's liveness as the service reports it. */
  public enum Liveness {
    ONLINE,
    PENDING
  }

  /** {@code GET /peer/{id}/udp/status}. */
  public static final class PeerStatus {
    private final ClientId clientId;
    private final Liveness status;
    private final Optional<Duration> sinceLastPulse;
    private final Instant serverTime;

    public PeerStatus(
        ClientId clientId, Liveness status, Optional<Duration> sinceLastPulse, Instant serverTime) {
      this.clientId = Objects.requireNonNull(clientId);
      this.status = Objects.requireNonNull(status);
      this.sinceLastPulse = Objects.requireNonNull(sinceLastPulse);
      this.serverTime = Objects.requireNonNull(serverTime);
    }

    public ClientId clientId() {
      return clientId;
    }

    public Liveness status() {
      return status;
    }

    /** Time since the peer's last accepted pulse; empty if it never pulsed. */
    public Optional<Duration> sinceLastPulse() {
      return sinceLastPulse;
    }

    public Instant serverTime() {
      return serverTime;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PeerStatus s
          && clientId.equals(s.clientId)
          && status == s.status
          && sinceLastPulse.equals(s.sinceLastPulse)
          && serverTime.equals(s.serverTime);
    }

    @Override
    public int hashCode() {
      return Objects.hash(clientId, status, sinceLastPulse, serverTime);
    }

    @Override
    public String toString() {
      return "PeerStatus["
          + clientId
          + " "
          + status
          + sinceLastPulse.map(d -> ", last pulse " + d.toMillis() + " ms ago").orElse("")
          + "]";
    }
  }
}
