package dev.rendezvous.client.session;

import dev.rendezvous.client.ServerClock;
import dev.rendezvous.client.call.CallResult;
import dev.rendezvous.client.call.Calls;
import dev.rendezvous.client.http.RendezvousHttpApi;
import dev.rendezvous.client.internal.Futures;
import dev.rendezvous.client.internal.SdkThreads;
import dev.rendezvous.client.internal.SerialExecutor;
import dev.rendezvous.client.punch.HolePuncher;
import dev.rendezvous.client.punch.PeerLink;
import dev.rendezvous.client.punch.PunchOptions;
import dev.rendezvous.client.punch.PunchResult;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.v2.PunchNowCodec;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One UDP socket shared by the pulse loop and the app's peer traffic. A receiver thread blocks on
 * the socket (no polling) and demultiplexes by source address: datagrams from the edge (or the
 * probe edge) are pulse replies (or PUNCH_NOW pushes, for {@link Calls}); everything else is peer
 * traffic: secure call messages for {@link Calls}, the rest for the {@link HolePuncher}. Timers run
 * on the session's timer thread (or the client's shared scheduler). Listener callbacks, peer
 * messages, punch progress and the completion of the futures below run on the client's callback
 * executor, one at a time and in order. Thread-safe; {@link #close()} stops the session's threads
 * and closes the socket.
 */
public final class RendezvousSession implements AutoCloseable {
  private static final int MAX_DATAGRAM = 2048;
  private static final long RECEIVER_JOIN_MILLIS = 2000;

  private final SessionConfig config;
  private final ClientCredentials identity;
  private final RendezvousHttpApi api;
  private final ServerClock clock;
  private final DatagramChannel channel;
  private final InetSocketAddress localAddress;
  private final ScheduledExecutorService timers;
  private final boolean ownsTimers;
  private final Executor lane;
  private final PulseLoop pulses;
  private final HolePuncher puncher;
  private final Handover handover;
  private final Calls calls;
  private final CompletableFuture<PulseReply> firstAccepted;
  private final Thread receiver;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RendezvousSession(
      SessionConfig config,
      ClientCredentials identity,
      SessionRuntime runtime,
      SessionListener listener)
      throws IOException {
    this.config = config;
    this.identity = identity;
    this.api = runtime.api();
    this.channel = SessionSocket.open(config);
    this.localAddress = (InetSocketAddress) channel.getLocalAddress();
    String name = "rendezvous-" + identity.clientId().hex().substring(0, 8);
    this.ownsTimers = !runtime.sharedTimers().isPresent();
    this.timers =
        ownsTimers ? SdkThreads.timerThread(name + "-timer") : runtime.sharedTimers().get();
    this.lane = new SerialExecutor(runtime.callbacks());
    NetworkWatch watch = new NetworkWatch(listener, timers);
    EventDispatcher events = new EventDispatcher(watch, lane);
    this.clock = runtime.clock();
    this.pulses =
        new PulseLoop(
            reachable(config, localAddress), identity, api, clock, timers, events, this::send);
    this.puncher =
        new HolePuncher(
            new PunchEnvironment(),
            timers,
            lane,
            this::send,
            (peer, from) -> events.fire(l -> l.onIncomingPunch(peer, from)),
            (peer, path) -> events.fire(l -> l.onLinkMoved(peer, path)));
    this.calls =
        new Calls(
            new PunchEnvironment(),
            timers,
            lane,
            this::send,
            call -> events.fire(l -> l.onIncomingCall(call)),
            (peer, path) -> events.fire(l -> l.onLinkMoved(peer, path)));
    this.handover =
        new Handover(
            new CandidateReporter(
                api, identity, localAddress, SessionSocket.speaksIpv6(localAddress), events),
            pulses,
            puncher,
            calls);
    watch.reactWith(handover);
    this.firstAccepted = Futures.completeOn(pulses.firstAccepted(), lane);
    this.receiver = SdkThreads.named(name + "-socket", false).newThread(this::receiveLoop);
  }

  /**
   * Binds the socket, starts the receiver and the pulse loop (first pulse at once, the second soon
   * after, then every interval +- jitter).
   *
   * @throws IOException if the socket cannot be opened or bound
   */
  public static RendezvousSession open(
      SessionConfig config,
      ClientCredentials identity,
      SessionRuntime runtime,
      SessionListener listener)
      throws IOException {
    RendezvousSession session = new RendezvousSession(config, identity, runtime, listener);
    session.receiver.start();
    session.pulses.start();
    session.handover.watchLocalAddresses(session.timers);
    return session;
  }

  public ClientCredentials identity() {
    return identity;
  }

  public SessionConfig config() {
    return config;
  }

  /** The socket's local address (what the app's peer traffic leaves from). */
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  /** This client's public address and port as the edge last saw them (v2 only). */
  public Optional<InetSocketAddress> publicMapping() {
    return pulses.mapping();
  }

  public SessionState state() {
    return closed.get() ? SessionState.CLOSED : pulses.state();
  }

  /** Completes with the first accepted pulse; fails if the client turns out to be gone. */
  public CompletableFuture<PulseReply> firstAccepted() {
    return firstAccepted;
  }

  /** Pulses now, outside the schedule; completes with the reply, or fails after the timeout. */
  public CompletableFuture<PulseReply> pulseNow() {
    return Futures.completeOn(pulses.pulseNow(), lane);
  }

  /** Pulses the probe edge and the main edge and compares the mappings they saw. */
  public CompletableFuture<NatMapping> probeNat() {
    return Futures.completeOn(pulses.probeNat(), lane);
  }

  /**
   * Opens a path to {@code peer}: it must be punching to this client at about the same time. The
   * future always completes normally, with a success or a failure and its reason.
   */
  public CompletableFuture<PunchResult> punch(ClientId peer, PunchOptions options) {
    return Futures.completeOn(puncher.punch(peer, options), lane);
  }

  /**
   * Calls {@code peer}: the service rings it (a PUNCH_NOW on its live mapping) and both sides punch
   * with the call's pair key; only this side needs to start. The link is authenticated and
   * encrypted. The future always completes normally, on the callback executor.
   */
  public CompletableFuture<CallResult> call(ClientId peer, PunchOptions options) {
    return calls.call(peer, options);
  }

  /** The open link to {@code peer} from an earlier successful punch, if any. */
  public Optional<PeerLink> link(ClientId peer) {
    return puncher.link(peer);
  }

  /** The config without a second edge this socket cannot send to (IPv6 from an IPv4 socket). */
  private static SessionConfig reachable(SessionConfig config, InetSocketAddress local) {
    boolean unreachable =
        config.secondEdge().map(e -> e.getAddress() instanceof Inet6Address).orElse(false)
            && !SessionSocket.speaksIpv6(local);
    return unreachable ? config.withSecondEdge(null) : config;
  }

  private void send(InetSocketAddress to, byte[] datagram) throws IOException {
    channel.send(ByteBuffer.wrap(datagram), to);
  }

  private void receiveLoop() {
    ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
    while (!closed.get()) {
      InetSocketAddress source;
      try {
        // Through Buffer: ByteBuffer's own clear() and flip() are Java 9+, missing on Android 26.
        ((Buffer) buffer).clear();
        source = (InetSocketAddress) channel.receive(buffer);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        continue; // e.g. an ICMP port-unreachable surfaced as an error: keep serving
      }
      ((Buffer) buffer).flip();
      byte[] datagram = new byte[buffer.remaining()];
      buffer.get(datagram);
      try {
        if (source.equals(config.edge())
            || config.probeEdge().map(source::equals).orElse(false)
            || config.secondEdge().map(source::equals).orElse(false)) {
          if (PunchNowCodec.looksLikePunchNow(datagram)) {
            calls.onPunchNow(source, datagram);
          } else {
            pulses.onReply(source, datagram);
          }
        } else if (!calls.onDatagram(source, datagram)) {
          puncher.onDatagram(source, datagram, datagram.length);
        }
      } catch (RuntimeException e) {
        // A datagram must never stop the receiver; malformed input is dropped silently.
      }
    }
  }

  /**
   * Stops pulsing, fails running punches, closes links and the socket. Idempotent. Does not wait
   * for callbacks still queued on the callback executor (so it may be called from that executor).
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    pulses.stop(SessionState.CLOSED);
    handover.close();
    puncher.close();
    calls.close();
    try {
      channel.close();
    } catch (IOException e) {
      // closing anyway
    }
    if (ownsTimers) {
      timers.shutdownNow();
    }
    if (Thread.currentThread() != receiver) {
      try {
        receiver.join(RECEIVER_JOIN_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private final class PunchEnvironment implements HolePuncher.Environment, Calls.Environment {
    @Override
    public ClientCredentials identity() {
      return identity;
    }

    @Override
    public RendezvousHttpApi api() {
      return api;
    }

    @Override
    public ServerClock clock() {
      return clock;
    }

    @Override
    public InetSocketAddress localAddress() {
      return localAddress;
    }

    @Override
    public Optional<InetSocketAddress> publicMapping() {
      return pulses.mapping();
    }

    @Override
    public CompletableFuture<NatMapping> probeNat() {
      return pulses.probeNat();
    }

    @Override
    public void pulseNow() {
      pulses.pulseEveryEdgeNow();
    }

    @Override
    public boolean isOpen() {
      return !closed.get() && pulses.state() != SessionState.GONE;
    }
  }
}
