package dev.rendezvous.client;

import dev.rendezvous.client.http.RendezvousHttpApi;
import dev.rendezvous.client.http.Responses;
import dev.rendezvous.client.session.RendezvousSession;
import dev.rendezvous.client.session.SessionConfig;
import dev.rendezvous.client.session.SessionListener;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * The SDK's entry point: the HTTP routes against a base URL, and sessions (the pulse loop and hole
 * punching on one socket) against an edge address. Thread-safe; holds no socket itself.
 *
 * <pre>{@code
 * RendezvousClient client = new RendezvousClient(URI.create("http://127.0.0.1:5025"),
 *     SessionConfig.defaults(new InetSocketAddress("127.0.0.1", 5024)));
 * ClientCredentials me = client.register().join().identity();
 * try (RendezvousSession session = client.openSession(me, new SessionListener() {})) {
 *   PunchResult r = session.punch(peerId, PunchOptions.defaults()).join();
 * }
 * }</pre>
 */
public final class RendezvousClient {
  private final RendezvousHttpApi api;
  private final ServerClock clock;
  private final SessionConfig sessionConfig;

  public RendezvousClient(URI baseUrl, SessionConfig sessionConfig) {
    this(baseUrl, sessionConfig, Clock.systemUTC());
  }

  public RendezvousClient(URI baseUrl, SessionConfig sessionConfig, Clock clock) {
    this.clock = new ServerClock(clock);
    this.api = new RendezvousHttpApi(baseUrl, this.clock);
    this.sessionConfig = sessionConfig;
  }

  public RendezvousHttpApi api() {
    return api;
  }

  public ServerClock clock() {
    return clock;
  }

  public SessionConfig sessionConfig() {
    return sessionConfig;
  }

  /** {@code POST /register}: a new identity. Save it ({@link IdentityFile}); it is shown once. */
  public CompletableFuture<Responses.Registered> register() {
    return api.register();
  }

  /** {@code POST /verify}: revives a PENDING client. */
  public CompletableFuture<Responses.Verified> verify(ClientCredentials me) {
    return api.verify(me);
  }

  /** {@code POST /logout}: the client is gone at once. */
  public CompletableFuture<ClientId> logout(ClientCredentials me) {
    return api.logout(me);
  }

  /** {@code GET /peer/{id}/udp}. */
  public CompletableFuture<Responses.PeerAddress> peerAddress(ClientCredentials me, ClientId peer) {
    return api.peerAddress(me, peer);
  }

  /** {@code GET /peer/{id}/udp/status}. */
  public CompletableFuture<Responses.PeerStatus> peerStatus(ClientCredentials me, ClientId peer) {
    return api.peerStatus(me, peer);
  }

  /** Opens the socket and starts pulsing as {@code me}. Close the session when done. */
  public RendezvousSession openSession(ClientCredentials me, SessionListener listener)
      throws IOException {
    return RendezvousSession.open(sessionConfig, me, api, clock, listener);
  }
}
