package dev.rendezvous.client.http;

import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The five response shapes of the HTTP API (SPEC "HTTP routes"). */
public final class Responses {
  private Responses() {}

  /** {@code POST /register}: the new identity; save it, the key is shown only once. */
  public record Registered(ClientCredentials identity, Instant serverTime) {}

  /**
   * {@code POST /verify}.
   *
   * @param revived true when a PENDING client became ONLINE, false when it already was ONLINE
   */
  public record Verified(ClientId clientId, boolean revived, Instant serverTime) {}

  /** {@code GET /peer/{id}/udp}: where the peer's last accepted pulse came from. */
  public record PeerAddress(ClientId clientId, String host, int port, Instant serverTime) {
    /** The address as a socket address (host is a literal IP, so no DNS lookup happens). */
    public InetSocketAddress socketAddress() {
      return new InetSocketAddress(host, port);
    }
  }

  /** A peer's liveness as the service reports it. */
  public enum Liveness {
    ONLINE,
    PENDING
  }

  /**
   * {@code GET /peer/{id}/udp/status}.
   *
   * @param sinceLastPulse time since the peer's last pulse; empty if it never pulsed
   */
  public record PeerStatus(
      ClientId clientId, Liveness status, Optional<Duration> sinceLastPulse, Instant serverTime) {}
}
