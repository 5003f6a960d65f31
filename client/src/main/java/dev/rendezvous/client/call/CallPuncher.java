package dev.rendezvous.client.call;

import dev.rendezvous.client.internal.DatagramSender;
import dev.rendezvous.client.internal.LinkKeeper;
import dev.rendezvous.client.punch.PeerPath;
import dev.rendezvous.client.punch.PunchOptions;
import dev.rendezvous.client.session.NatMapping;
import dev.rendezvous.protocol.identity.ClientId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Punching for calls, both sides at once, with secure messages only: each side sends a sealed PUNCH
 * to the other's address every retry interval and answers an authentic PUNCH with a sealed
 * PUNCH_ACK; it succeeds on an authentic PUNCH_ACK or DATA. A datagram whose link tag names no call
 * of this session, that does not open under the peer's key, or whose sequence was seen, is dropped:
 * strangers, forgers and replayers change nothing. Open links are kept by the same {@link
 * LinkKeeper} as two-sided links (a KEEPALIVE every keepalive interval; a link silent for two
 * intervals and a second is punched again), and {@link #repunchAll} punches them all again when the
 * network changes: sealed PUNCHes to the peer's current address until a sealed PUNCH_ACK, for up to
 * 30 s. Each side follows the other to where its newest authentic message came from.
 */
final class CallPuncher implements AutoCloseable {
  /** How long an open link's re-punch (after a handover) keeps trying. */
  private static final long RELINK_TIMEOUT_MILLIS = 30_000;

  /** What re-punching needs from the session. */
  interface Network {
    InetSocketAddress localAddress();

    Optional<InetSocketAddress> publicMapping();

    /** Pulses the edges now, so that a changed mapping is learned at once. */
    void pulseNow();

    /** Told (on the timer thread) when a re-punched link runs on a new path. */
    void linkMoved(ClientId peer, PeerPath path);
  }

  private final ScheduledExecutorService scheduler;
  private final Executor events;
  private final DatagramSender sender;
  private final LongSupplier localMillis;
  private final Network network;
  private final Map<Long, CallAttempt> attempts = new ConcurrentHashMap<>();
  private final Map<Long, SecureLink> links = new ConcurrentHashMap<>();
  private final Map<Long, CallRepunch> repunches = new ConcurrentHashMap<>();
  private final ScheduledFuture<?> keepalives;

  CallPuncher(
      ScheduledExecutorService scheduler,
      Executor events,
      DatagramSender sender,
      LongSupplier localMillis,
      Network network) {
    this.scheduler = scheduler;
    this.events = events;
    this.sender = sender;
    this.localMillis = localMillis;
    this.network = network;
    LinkKeeper<SecureLink> keeper =
        new LinkKeeper<>(links.values(), SecureLink::liveness, localMillis, this::linkWentSilent);
    this.keepalives =
        scheduler.scheduleWithFixedDelay(
            keeper, LinkKeeper.TICK_MILLIS, LinkKeeper.TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Punches every open link again (this client's network changed). */
  void repunchAll() {
    for (SecureLink link : links.values()) {
      relink(link);
    }
  }

  private void linkWentSilent(SecureLink link) {
    if (!repunches.containsKey(link.state().keys.tag())) {
      network.pulseNow(); // if this side moved, the pulse reply says so
      relink(link);
    }
  }

  private void relink(SecureLink link) {
    long tag = link.state().keys.tag();
    CallRepunch r = new CallRepunch(link);
    if (!link.isOpen() || repunches.putIfAbsent(tag, r) != null) {
      return;
    }
    long every = PunchOptions.defaults().retryInterval().toMillis();
    r.ticker =
        scheduler.scheduleWithFixedDelay(
            () -> send(link.remote(), link.state().seal(SecureMessage.TYPE_PUNCH, new byte[0])),
            0,
            every,
            TimeUnit.MILLISECONDS);
    r.deadline = scheduler.schedule(() -> gaveUp(r), RELINK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void gaveUp(CallRepunch r) {
    if (repunches.remove(r.link.state().keys.tag(), r)) {
      r.cancel();
      if (r.link.liveness().isSilent(now())) {
        r.link.close(); // the peer is gone, or unreachable for good
      }
    }
  }

  /** A sealed PUNCH_ACK on an open link: its re-punch (if one runs) succeeded. */
  private void relinked(SecureLink link, Optional<InetSocketAddress> seenByPeer) {
    CallRepunch r = repunches.remove(link.state().keys.tag());
    if (r == null) {
      return;
    }
    r.cancel();
    PeerPath path =
        new PeerPath(network.localAddress(), network.publicMapping(), link.remote(), seenByPeer);
    link.moveTo(path);
    if (!path.equals(r.from)) {
      network.linkMoved(link.peer(), path);
    }
  }

  /** Punches to {@code target} with the call's keys; never fails, completes with the outcome. */
  CompletableFuture<CallResult> start(
      ClientId peer,
      InetSocketAddress target,
      LinkKeys keys,
      PunchOptions options,
      long startMillis,
      CompletableFuture<NatMapping> probe) {
    CallAttempt a = new CallAttempt(peer, target, new LinkState(keys), options, startMillis, probe);
    if (attempts.putIfAbsent(keys.tag(), a) != null || links.containsKey(keys.tag())) {
      a.result.complete(
          new CallResult.Failed(
              peer, CallFailure.SESSION_CLOSED, "this call is already open", a.elapsedAt(now())));
      return a.result;
    }
    long every = options.retryInterval().toMillis();
    a.ticker = scheduler.scheduleWithFixedDelay(() -> punch(a), 0, every, TimeUnit.MILLISECONDS);
    a.deadline =
        scheduler.schedule(
            () -> fail(a, a.timeoutReason(), a.timeoutDetail()),
            options.timeout().toMillis(),
            TimeUnit.MILLISECONDS);
    return a.result;
  }

  /** Handles a datagram from a peer; false when it is not a secure message at all. */
  boolean onDatagram(InetSocketAddress source, byte[] datagram) {
    if (!SecureMessage.looksSecure(datagram)) {
      return false;
    }
    long tag = SecureMessage.linkTag(datagram);
    CallAttempt a = attempts.get(tag);
    SecureLink link = links.get(tag);
    LinkState state = link != null ? link.state() : a != null ? a.state : null;
    SecureMessage m = state == null ? null : state.open(datagram);
    if (m == null) {
      return true; // a stranger, a forgery or a replay
    }
    if (link != null) {
      link.heard(source, m.sequence(), now());
    }
    switch (m.type()) {
      case SecureMessage.TYPE_PUNCH -> {
        if (a != null) {
          a.peerSource = source;
        }
        send(
            source,
            state.seal(SecureMessage.TYPE_PUNCH_ACK, PunchAck.payload(m.sequence(), source)));
      }
      case SecureMessage.TYPE_PUNCH_ACK -> {
        if (link != null) {
          relinked(link, PunchAck.seenIn(m.plaintext()));
        } else if (a != null) {
          succeed(a, source, PunchAck.seenIn(m.plaintext()));
        }
      }
      case SecureMessage.TYPE_DATA -> {
        SecureLink open =
            link != null ? link : a != null ? succeed(a, source, Optional.empty()) : null;
        if (open != null) {
          open.deliver(m.plaintext());
        }
      }
      default -> {} // KEEPALIVE: nothing to do
    }
    return true;
  }

  private void punch(CallAttempt a) {
    if (a.result.isDone()) {
      return;
    }
    send(a.target, a.state.seal(SecureMessage.TYPE_PUNCH, new byte[0]));
    InetSocketAddress other = a.peerSource;
    if (other != null && !other.equals(a.target)) {
      send(other, a.state.seal(SecureMessage.TYPE_PUNCH, new byte[0]));
    }
    int n = a.sent.incrementAndGet();
    if (n % 10 == 0) {
      progress(a, n + " punches sent, no answer yet");
    }
  }

  private SecureLink succeed(
      CallAttempt a, InetSocketAddress remote, Optional<InetSocketAddress> seenByPeer) {
    synchronized (a) {
      if (a.link != null || a.result.isDone()) {
        return a.link;
      }
      PeerPath path =
          new PeerPath(network.localAddress(), network.publicMapping(), remote, seenByPeer);
      SecureLink link =
          new SecureLink(
              a.peer,
              path,
              a.state,
              a.options.keepalive().toMillis(),
              now(),
              sender,
              scheduler,
              events,
              this::forget);
      a.link = link;
      links.put(a.state.keys.tag(), link);
      cancel(a);
      attempts.remove(a.state.keys.tag(), a);
      a.result.complete(new CallResult.Connected(a.peer, link, a.elapsedAt(now())));
      return link;
    }
  }

  private void fail(CallAttempt a, CallFailure reason, String detail) {
    synchronized (a) {
      if (a.link != null || a.result.isDone()) {
        return;
      }
      cancel(a);
      attempts.remove(a.state.keys.tag(), a);
      a.result.complete(new CallResult.Failed(a.peer, reason, detail, a.elapsedAt(now())));
    }
  }

  private void progress(CallAttempt a, String line) {
    try {
      events.execute(() -> a.options.progress().accept(line));
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // the client is closed: nobody is watching
    }
  }

  private static void cancel(CallAttempt a) {
    if (a.ticker != null) {
      a.ticker.cancel(false);
    }
    if (a.deadline != null) {
      a.deadline.cancel(false);
    }
  }

  private void forget(SecureLink link) {
    long tag = link.state().keys.tag();
    links.remove(tag, link);
    CallRepunch r = repunches.get(tag);
    if (r != null && r.link == link && repunches.remove(tag, r)) {
      r.cancel();
    }
  }

  private void send(InetSocketAddress to, byte[] datagram) {
    try {
      sender.send(to, datagram);
    } catch (IOException e) {
      // unreachable networks are expected while punching; the timeout reports the failure
    }
  }

  private long now() {
    return localMillis.getAsLong();
  }

  @Override
  public void close() {
    keepalives.cancel(false);
    for (CallRepunch r : repunches.values()) {
      r.cancel();
    }
    for (CallAttempt a : attempts.values()) {
      fail(a, CallFailure.SESSION_CLOSED, "the session was closed");
    }
    for (SecureLink link : links.values()) {
      link.close();
    }
  }
}
