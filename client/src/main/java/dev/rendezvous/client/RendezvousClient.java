package dev.rendezvous.client;

import dev.rendezvous.client.http.CallPolicy;
import dev.rendezvous.client.http.RendezvousHttpApi;
import dev.rendezvous.client.http.Responses;
import dev.rendezvous.client.internal.Futures;
import dev.rendezvous.client.internal.SdkThreads;
import dev.rendezvous.client.session.RendezvousSession;
import dev.rendezvous.client.session.SessionConfig;
import dev.rendezvous.client.session.SessionListener;
import dev.rendezvous.client.session.SessionRuntime;
import dev.rendezvous.client.session.SessionState;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The SDK's entry point: the HTTP routes against a base URL, and sessions (the pulse loop and hole
 * punching on one UDP socket) against an edge address. Thread-safe.
 *
 * <p>App code never runs on the SDK's I/O threads: listener callbacks, received peer messages,
 * punch progress and the completion of every future this client and its sessions return run on the
 * <em>callback executor</em> (on Android, pass the main thread's executor; by default one SDK
 * thread per client). Do not block the callback executor's thread waiting for one of those futures:
 * on a single-threaded executor that wait can never end.
 *
 * <pre>{@code
 * RendezvousClient client =
 *     RendezvousClient.builder(URI.create("https://api.example.com"),
 *             SessionConfig.defaults(new InetSocketAddress("edge.example.com", 5024)))
 *         .callbackExecutor(mainThread)
 *         .build();
 * client.register().thenAccept(r -> save(r.identity()));       // once; keep the identity
 * RendezvousSession session = client.openSession(me, listener); // pulses until closed
 * session.punch(peerId, PunchOptions.defaults()).thenAccept(result -> ...);
 * }</pre>
 */
public final class RendezvousClient implements AutoCloseable {
  private final RendezvousHttpApi api;
  private final ServerClock serverClock;
  private final SessionConfig sessionConfig;
  private final Executor callbacks;
  private final ExecutorService ownCallbackThread;
  private final ExecutorService httpThreads;
  private final ScheduledExecutorService sharedTimers;
  private final Set<RendezvousSession> sessions = ConcurrentHashMap.newKeySet();

  /** A client with the defaults: callbacks on one SDK thread, the system clock. */
  public RendezvousClient(URI baseUrl, SessionConfig sessionConfig) {
    this(builder(baseUrl, sessionConfig));
  }

  private RendezvousClient(Builder b) {
    this.serverClock = new ServerClock(b.clock);
    this.httpThreads = SdkThreads.ioPool("rendezvous-http", Builder.HTTP_THREADS);
    this.api = new RendezvousHttpApi(b.baseUrl, serverClock, httpThreads);
    this.sessionConfig = b.sessionConfig;
    this.ownCallbackThread =
        b.callbackExecutor == null ? SdkThreads.callbackThread("rendezvous-callbacks") : null;
    this.callbacks = b.callbackExecutor == null ? ownCallbackThread : b.callbackExecutor;
    this.sharedTimers = b.timers;
  }

  /**
   * Starts a client for the service at {@code baseUrl} whose sessions use {@code sessionConfig}.
   */
  public static Builder builder(URI baseUrl, SessionConfig sessionConfig) {
    return new Builder(baseUrl, sessionConfig);
  }

  /** The local clock corrected by the service's replies; it also issues v2 pulse counters. */
  public ServerClock serverClock() {
    return serverClock;
  }

  public SessionConfig sessionConfig() {
    return sessionConfig;
  }

  /** {@code POST /register}: a new identity. Keep it ({@link IdentityFile}); it is shown once. */
  public CompletableFuture<Responses.Registered> register() {
    return Futures.completeOn(api.register(), callbacks);
  }

  /** {@code POST /verify}: revives a PENDING client. */
  public CompletableFuture<Responses.Verified> verify(ClientCredentials me) {
    return Futures.completeOn(api.verify(me), callbacks);
  }

  /** {@code POST /logout}: the client is gone at once. */
  public CompletableFuture<ClientId> logout(ClientCredentials me) {
    return Futures.completeOn(api.logout(me), callbacks);
  }

  /** {@code GET /peer/{id}/udp}: where the peer's last accepted pulse came from. */
  public CompletableFuture<Responses.PeerAddress> peerAddress(ClientCredentials me, ClientId peer) {
    return Futures.completeOn(api.peerAddress(me, peer), callbacks);
  }

  /** {@code GET /peer/{id}/udp/status}: ONLINE or PENDING, and since when. */
  public CompletableFuture<Responses.PeerStatus> peerStatus(ClientCredentials me, ClientId peer) {
    return Futures.completeOn(api.peerStatus(me, peer), callbacks);
  }

  /** Whom {@code me} accepts calls from ({@code GET /call-policy}). */
  public CompletableFuture<CallPolicy> callPolicy(ClientCredentials me) {
    return Futures.completeOn(api.callPolicy(me), callbacks);
  }

  /** Sets whom {@code me} accepts calls from ({@code PUT /call-policy}); completes with it. */
  public CompletableFuture<CallPolicy> setCallPolicy(ClientCredentials me, CallPolicy policy) {
    return Futures.completeOn(api.setCallPolicy(me, policy), callbacks);
  }

  /**
   * Opens a UDP socket and starts pulsing as {@code me} (the first pulse at once). Close the
   * session when the app no longer needs to be reachable (e.g. when it leaves the foreground).
   *
   * @throws IOException if the socket cannot be opened
   */
  public RendezvousSession openSession(ClientCredentials me, SessionListener listener)
      throws IOException {
    sessions.removeIf(s -> s.state() == SessionState.CLOSED);
    RendezvousSession session =
        RendezvousSession.open(
            sessionConfig,
            me,
            new SessionRuntime(api, serverClock, callbacks, sharedTimers),
            listener);
    sessions.add(session);
    return session;
  }

  /**
   * Closes every session this client opened, then ends the SDK's own threads. Calls still running
   * fail with {@code ApiException} (status 0). Does not shut down executors the app supplied.
   */
  @Override
  public void close() {
    for (RendezvousSession s : sessions) {
      s.close();
    }
    sessions.clear();
    httpThreads.shutdown();
    if (ownCallbackThread != null) {
      ownCallbackThread.shutdown();
    }
  }

  /** Options for a {@link RendezvousClient}; only the base URL and session config are required. */
  public static final class Builder {
    static final int HTTP_THREADS = 4;

    private final URI baseUrl;
    private final SessionConfig sessionConfig;
    private Executor callbackExecutor;
    private Clock clock = Clock.systemUTC();
    private ScheduledExecutorService timers;

    private Builder(URI baseUrl, SessionConfig sessionConfig) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      this.sessionConfig = Objects.requireNonNull(sessionConfig, "sessionConfig");
    }

    /**
     * Where app code runs: listener callbacks, received messages, punch progress and future
     * completions (one at a time and in order per session, even on a pool). Default: one SDK thread
     * per client. On Android: {@code ContextCompat.getMainExecutor(context)}.
     */
    public Builder callbackExecutor(Executor executor) {
      this.callbackExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** The device clock (default {@link Clock#systemUTC()}); the service's replies correct it. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Runs every session's timers (pulses, reply timeouts, punches, keepalives) on this scheduler
     * instead of one timer thread per session. The app owns it: closing a session cancels the
     * session's timers but never shuts the scheduler down. Tests pass a virtual-time scheduler.
     */
    public Builder timers(ScheduledExecutorService scheduler) {
      this.timers = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    public RendezvousClient build() {
      return new RendezvousClient(this);
    }
  }
}
