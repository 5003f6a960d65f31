package dev.rendezvous.client.call;

import dev.rendezvous.client.ServerClock;
import dev.rendezvous.client.http.ApiException;
import dev.rendezvous.client.http.CallReply;
import dev.rendezvous.client.http.RendezvousHttpApi;
import dev.rendezvous.client.internal.DatagramSender;
import dev.rendezvous.client.internal.Futures;
import dev.rendezvous.client.punch.PeerPath;
import dev.rendezvous.client.punch.PunchOptions;
import dev.rendezvous.client.session.NatMapping;
import dev.rendezvous.protocol.MalformedPulseException;
import dev.rendezvous.protocol.call.CallId;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.v2.PunchNowAckCodec;
import dev.rendezvous.protocol.v2.PunchNowCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A session's calls (SDK internals; apps use {@code RendezvousSession.call} and the listener's
 * {@code onIncomingCall}). A PUNCH_NOW from the edge is checked (its MAC under this client's pulse
 * key, its call no older than {@link #CALL_LIFETIME_MILLIS} by the service's clock), acknowledged
 * to the edge every time it arrives (the edge retries until it hears back), and rung to the app
 * once per call: a replayed PUNCH_NOW is acknowledged but never rings twice.
 */
public final class Calls implements AutoCloseable {
  /** A call can be fetched for 60 s after it was issued. */
  public static final long CALL_LIFETIME_MILLIS = 60_000;

  private static final int MAX_REMEMBERED = 256;

  /** The slice of the session that calls need. */
  public interface Environment {
    ClientCredentials identity();

    RendezvousHttpApi api();

    ServerClock clock();

    CompletableFuture<NatMapping> probeNat();

    InetSocketAddress localAddress();

    Optional<InetSocketAddress> publicMapping();

    /** Pulses the edges now, so that a changed mapping is learned at once. */
    void pulseNow();

    boolean isOpen();
  }

  private final Environment env;
  private final Executor lane;
  private final DatagramSender sender;
  private final Consumer<IncomingCall> ring;
  private final CallPuncher puncher;
  private final Map<CallId, Long> rung = new LinkedHashMap<>(); // guarded by itself

  /**
   * @param lane the session's callback lane: results and rings complete there
   * @param ring hands an incoming call to the app's listener (on the lane)
   * @param linkMoved told (on the timer thread) when an open call link was punched again onto a new
   *     path
   */
  public Calls(
      Environment env,
      ScheduledExecutorService timers,
      Executor lane,
      DatagramSender sender,
      Consumer<IncomingCall> ring,
      BiConsumer<ClientId, PeerPath> linkMoved) {
    this.env = env;
    this.lane = lane;
    this.sender = sender;
    this.ring = ring;
    this.puncher =
        new CallPuncher(
            timers, lane, sender, () -> env.clock().localMillis(), new Network(env, linkMoved));
  }

  /**
   * Punches every open call link again (this client's network changed), with sealed PUNCHes under
   * each link's keys; the peer follows the link to where they come from.
   */
  public void repunchAll() {
    puncher.repunchAll();
  }

  /**
   * A PUNCH_NOW-shaped datagram from an edge, on the socket thread; acknowledged to {@code edge},
   * the edge it came from (the owner of the family it was pushed on).
   */
  public void onPunchNow(InetSocketAddress edge, byte[] datagram) {
    CallId call;
    try {
      call = PunchNowCodec.decode(datagram, env.identity().privateKey().pulseMacKey());
    } catch (MalformedPulseException forged) {
      return;
    }
    long now = env.clock().nowMillis();
    long issued = call.issuedAtMillis();
    if (issued < now - CALL_LIFETIME_MILLIS || issued > now + CALL_LIFETIME_MILLIS) {
      return; // stale (a replay of an old call) or from the future
    }
    try {
      sender.send(
          edge,
          PunchNowAckCodec.encode(
              env.identity().clientId(), call, env.identity().privateKey().pulseMacKey()));
    } catch (IOException e) {
      // the edge pushes again and this side acknowledges again
    }
    if (firstTime(call, now)) {
      ring.accept(new IncomingCall(call, this));
    }
  }

  /** A datagram from a peer; false when it is not a secure call message. */
  public boolean onDatagram(InetSocketAddress source, byte[] datagram) {
    return puncher.onDatagram(source, datagram);
  }

  /** Rings {@code peer} through the service, then punches to it with the call's pair key. */
  public CompletableFuture<CallResult> call(ClientId peer, PunchOptions options) {
    long start = env.clock().localMillis();
    CompletableFuture<NatMapping> probe = env.probeNat();
    options.progress().accept("ringing " + peer);
    CompletableFuture<CallResult> result =
        env.api()
            .connect(env.identity(), peer)
            .thenCompose(reply -> punch(reply, true, options, start, probe))
            .exceptionally(e -> failed(peer, e, start));
    return Futures.completeOn(result, lane);
  }

  CompletableFuture<CallResult> accept(CallId call, PunchOptions options) {
    long start = env.clock().localMillis();
    CompletableFuture<NatMapping> probe = env.probeNat();
    CompletableFuture<CallResult> result =
        env.api()
            .fetchCall(env.identity(), call)
            .thenCompose(reply -> punch(reply, false, options, start, probe))
            .exceptionally(e -> failed(call.caller(), e, start));
    return Futures.completeOn(result, lane);
  }

  CompletableFuture<CallResult> alreadyDecided(ClientId caller) {
    return CompletableFuture.completedFuture(
        new CallResult.Failed(
            caller, CallFailure.SESSION_CLOSED, "this call was already decided", Duration.ZERO));
  }

  private CompletableFuture<CallResult> punch(
      CallReply reply,
      boolean caller,
      PunchOptions options,
      long start,
      CompletableFuture<NatMapping> probe) {
    if (!env.isOpen()) {
      return CompletableFuture.completedFuture(
          new CallResult.Failed(
              reply.peer(), CallFailure.SESSION_CLOSED, "the session is closed", since(start)));
    }
    InetSocketAddress target = new InetSocketAddress(reply.host(), reply.port());
    options
        .progress()
        .accept(
            "peer " + reply.peer() + " is at " + reply.host() + ":" + reply.port() + "; punching");
    return puncher.start(
        reply.peer(), target, LinkKeys.derive(reply.pairKey(), caller), options, start, probe);
  }

  private CallResult failed(ClientId peer, Throwable e, long start) {
    RuntimeException cause = RendezvousHttpApi.unwrap(e);
    CallFailure reason = CallFailure.HTTP_FAILED;
    if (cause instanceof ApiException api) {
      switch (api.status()) {
        case 404 -> reason = CallFailure.PEER_UNKNOWN;
        case 409 -> reason = CallFailure.PEER_UNREACHABLE;
        case 403 -> reason = CallFailure.REFUSED;
        case 429 -> reason = CallFailure.RATE_LIMITED;
        default -> reason = CallFailure.HTTP_FAILED;
      }
    }
    String detail = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    return new CallResult.Failed(peer, reason, detail, since(start));
  }

  private Duration since(long start) {
    return Duration.ofMillis(env.clock().localMillis() - start);
  }

  private boolean firstTime(CallId call, long now) {
    synchronized (rung) {
      for (Iterator<Long> it = rung.values().iterator(); it.hasNext(); ) {
        long issued = it.next();
        if (issued < now - 2 * CALL_LIFETIME_MILLIS || rung.size() > MAX_REMEMBERED) {
          it.remove();
        }
      }
      return rung.put(call, call.issuedAtMillis()) == null;
    }
  }

  @Override
  public void close() {
    puncher.close();
  }

  private static final class Network implements CallPuncher.Network {
    private final Environment env;
    private final BiConsumer<ClientId, PeerPath> moved;

    Network(Environment env, BiConsumer<ClientId, PeerPath> moved) {
      this.env = env;
      this.moved = moved;
    }

    @Override
    public InetSocketAddress localAddress() {
      return env.localAddress();
    }

    @Override
    public Optional<InetSocketAddress> publicMapping() {
      return env.publicMapping();
    }

    @Override
    public void pulseNow() {
      env.pulseNow();
    }

    @Override
    public void linkMoved(ClientId peer, PeerPath path) {
      moved.accept(peer, path);
    }
  }
}
