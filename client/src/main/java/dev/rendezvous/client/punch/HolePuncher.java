package dev.rendezvous.client.punch;

import dev.rendezvous.client.ServerClock;
import dev.rendezvous.client.http.RendezvousHttpApi;
import dev.rendezvous.client.http.Responses;
import dev.rendezvous.client.internal.DatagramSender;
import dev.rendezvous.client.internal.LinkKeeper;
import dev.rendezvous.client.session.NatMapping;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Opens paths to peers on the session's socket: looks the peer up over HTTP, then sends PUNCH
 * datagrams to its public address while the peer does the same, and answers the peer's PUNCHes with
 * PUNCH_ACKs. A punch succeeds when this side's PUNCH was acknowledged (or the peer's DATA arrived
 * on the path the peer punched), so both directions are proven.
 */
public final class HolePuncher implements AutoCloseable {
  /** How long an open link's re-punch (after a handover) keeps trying. */
  private static final Duration RELINK_TIMEOUT = Duration.ofSeconds(30);

  /** A PUNCH on a link younger than this is the peer's first punch still running. */
  private static final long SETTLING_MILLIS = 3000;

  /** The slice of the session that punching needs. */
  public interface Environment {
    ClientCredentials identity();

    RendezvousHttpApi api();

    /** The clock punch deadlines and durations are measured on. */
    ServerClock clock();

    InetSocketAddress localAddress();

    Optional<InetSocketAddress> publicMapping();

    CompletableFuture<NatMapping> probeNat();

    /** Pulses the main edge now, so that a changed mapping is learned and recorded at once. */
    void pulseNow();

    boolean isOpen();
  }

  private final Environment env;
  private final ScheduledExecutorService scheduler;
  private final Executor events;
  private final DatagramSender sender;
  private final BiConsumer<ClientId, InetSocketAddress> strangerPunch;
  private final BiConsumer<ClientId, PeerPath> linkMoved;
  private final SecureRandom random = new SecureRandom();
  private final Map<ClientId, PunchAttempt> attempts = new ConcurrentHashMap<>();
  private final PeerLinks links = new PeerLinks();
  private final ScheduledFuture<?> keepalives;
  private final PeerLookup lookup;

  /**
   * Punching on one session's socket.
   *
   * @param scheduler the session's timers (punch retries, timeouts, keepalives)
   * @param events the session's callback lane: received messages and progress lines run there
   * @param strangerPunch told (on the receiver thread) about PUNCHes from peers nobody punches to
   * @param linkMoved told (on the timer thread) when an open link was punched again onto a new path
   */
  public HolePuncher(
      Environment env,
      ScheduledExecutorService scheduler,
      Executor events,
      DatagramSender sender,
      BiConsumer<ClientId, InetSocketAddress> strangerPunch,
      BiConsumer<ClientId, PeerPath> linkMoved) {
    this.env = env;
    this.scheduler = scheduler;
    this.events = events;
    this.sender = sender;
    this.strangerPunch = strangerPunch;
    this.linkMoved = linkMoved;
    this.lookup = new PeerLookup(env.api(), scheduler, env.clock());
    LinkKeeper<PeerLink> keeper =
        new LinkKeeper<>(links.all(), PeerLink::liveness, this::now, this::linkWentSilent);
    this.keepalives =
        scheduler.scheduleWithFixedDelay(
            keeper, LinkKeeper.TICK_MILLIS, LinkKeeper.TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Punches every open link again (this client's network changed): to the peer's current
   * candidates, looked up again every second while it runs, with the link's own nonce, so the
   * peer's side of the link keeps accepting it. The link keeps its identity; its path moves.
   */
  public void repunchAll() {
    for (PeerLink link : links.all()) {
      relink(link);
    }
  }

  private void linkWentSilent(PeerLink link) {
    if (!attempts.containsKey(link.peer())) {
      env.pulseNow(); // if this side moved, the pulse reply says so and the directory learns it
      relink(link);
    }
  }

  private void relink(PeerLink link) {
    PunchOptions options = PunchOptions.defaults().withTimeout(RELINK_TIMEOUT);
    PunchAttempt fresh = new PunchAttempt(link.peer(), link.myNonce(), options, now());
    fresh.relink = link;
    fresh.peerNonce = link.peerNonce();
    if (attempts.putIfAbsent(link.peer(), fresh) != null || !env.isOpen()) {
      return;
    }
    lookUp(fresh, fresh.startMillis);
  }

  /** Punches to {@code peer}; the future never fails, it completes with a {@link PunchResult}. */
  public CompletableFuture<PunchResult> punch(ClientId peer, PunchOptions options) {
    PunchAttempt fresh = new PunchAttempt(peer, nonzeroNonce(), options, env.clock().localMillis());
    PunchAttempt existing = attempts.putIfAbsent(peer, fresh);
    if (existing != null) {
      return existing.result;
    }
    if (!env.isOpen()) {
      fail(fresh, PunchFailure.SESSION_CLOSED, "the session is closed");
      return fresh.result;
    }
    fresh.probe = env.probeNat();
    lookUp(fresh, fresh.startMillis + options.waitForPeer().toMillis());
    return fresh.result;
  }

  private long nonzeroNonce() {
    long n;
    do {
      n = random.nextLong();
    } while (n == 0);
    return n;
  }

  /** Hands a progress line to the app's progress consumer, on the callback lane. */
  private void progress(PunchAttempt a, String line) {
    try {
      events.execute(() -> a.options.progress().accept(line));
    } catch (RejectedExecutionException closed) {
      // the client is closed: nobody is watching
    }
  }

  private void lookUp(PunchAttempt a, long waitUntilMillis) {
    var unused =
        lookup
            .find(env.identity(), a.peer, waitUntilMillis, line -> progress(a, line))
            .whenComplete(
                (peer, failure) -> {
                  if (failure == null) {
                    startPunching(a, peer);
                    return;
                  }
                  RuntimeException cause = RendezvousHttpApi.unwrap(failure);
                  if (cause instanceof PeerLookup.PeerAbsent absent) {
                    fail(a, absent.reason(), absent.getMessage());
                  } else {
                    fail(a, PunchFailure.LOOKUP_FAILED, cause.getMessage());
                  }
                });
  }

  private void startPunching(PunchAttempt a, Responses.PeerAddress peer) {
    if (a.result.isDone()) {
      return;
    }
    a.target = peer.socketAddress();
    a.targets = targetsOf(a, peer);
    long every = a.options.retryInterval().toMillis();
    a.ticker =
        scheduler.scheduleWithFixedDelay(() -> sendPunch(a), 0, every, TimeUnit.MILLISECONDS);
    a.deadline =
        scheduler.schedule(() -> timeOut(a), a.options.timeout().toMillis(), TimeUnit.MILLISECONDS);
    progress(a, "peer " + a.peer + " is at " + a.targets + "; punching");
  }

  private PunchTargets targetsOf(PunchAttempt a, Responses.PeerAddress peer) {
    PunchTargets fresh =
        PunchTargets.of(peer, env.localAddress().getAddress() instanceof Inet6Address);
    PeerLink link = a.relink;
    return link == null ? fresh : fresh.with(link.path().remote());
  }

  private void sendPunch(PunchAttempt a) {
    if (a.result.isDone()) {
      return;
    }
    long ticksPerSecond = Math.max(1, 1000 / a.options.retryInterval().toMillis());
    if (a.relink != null && a.sent.get() % ticksPerSecond == ticksPerSecond - 1) {
      refreshTargets(a); // the peer may be moving too: follow its newest address
    }
    byte[] punch =
        PeerMessage.punch(a.nonce, env.identity().clientId(), env.publicMapping()).encode();
    for (InetSocketAddress target : a.targets.addresses()) {
      send(target, punch);
    }
    InetSocketAddress other = a.peerSource;
    if (other != null && !a.targets.addresses().contains(other)) {
      send(other, punch);
    }
    int n = a.sent.incrementAndGet();
    if (n % 10 == 0) {
      progress(a, n + " punches sent, no answer yet");
    }
  }

  private void refreshTargets(PunchAttempt a) {
    var unused =
        lookup
            .find(env.identity(), a.peer, 0, line -> {})
            .thenAccept(
                peer -> {
                  if (!a.result.isDone()) {
                    a.targets = targetsOf(a, peer);
                  }
                });
  }

  private void timeOut(PunchAttempt a) {
    fail(a, a.timeoutReason(), a.timeoutDetail());
  }

  /** Handles a datagram that did not come from the edge. */
  public void onDatagram(InetSocketAddress source, byte[] datagram, int length) {
    Optional<PeerMessage> decoded = PeerMessage.decode(datagram, length);
    if (!decoded.isPresent()) {
      return;
    }
    PeerMessage m = decoded.get();
    PeerLink heardOn = links.of(source, m);
    if (heardOn != null) {
      heardOn.heard(now());
    }
    switch (m.type()) {
      case PUNCH -> onPunch(source, m);
      case PUNCH_ACK -> {
        PunchAttempt a = attempts.get(m.sender().get());
        if (a != null && m.nonce() == a.nonce) {
          onAnswer(a, source, m.address());
        }
      }
      case DATA -> onData(source, m);
      case KEEPALIVE -> {}
    }
  }

  private void onPunch(InetSocketAddress source, PeerMessage m) {
    ClientId from = m.sender().get();
    PunchAttempt a = attempts.get(from);
    PeerLink link = links.get(from);
    if (a == null && link == null) {
      strangerPunch.accept(from, source);
      return;
    }
    if (a != null) {
      a.peerNonce = m.nonce();
      a.peerSource = source;
    }
    if (link != null) {
      link.learnPeerNonce(m.nonce());
    }
    send(source, PeerMessage.punchAck(m.nonce(), env.identity().clientId(), source).encode());
    if (a == null
        && link != null
        && m.nonce() == link.peerNonce()
        && now() - link.createdMillis() > SETTLING_MILLIS) {
      // The peer punches an open link again: it lost the path (its network or this one changed).
      linkWentSilent(link);
    }
  }

  private void onData(InetSocketAddress source, PeerMessage m) {
    PeerLink link = links.of(source, m);
    if (link == null) {
      for (PunchAttempt a : attempts.values()) {
        if (source.equals(a.peerSource) && a.peerNonce == m.nonce()) {
          link = succeed(a, source, Optional.empty());
          break;
        }
      }
    }
    if (link != null && (link.peerNonce() == 0 || link.peerNonce() == m.nonce())) {
      link.learnPeerNonce(m.nonce());
      link.deliver(m.payload());
    }
  }

  /**
   * Keeps the first path that answers if no preferred kind of candidate is left to answer;
   * otherwise waits one retry interval for a preferred one (a LAN or IPv6 path over the mapping).
   */
  private void onAnswer(
      PunchAttempt a, InetSocketAddress source, Optional<InetSocketAddress> seenByPeer) {
    PunchTargets targets = a.targets;
    if (targets == null || targets.isBest(targets.kindOf(source))) {
      succeed(a, source, seenByPeer);
      return;
    }
    synchronized (a) {
      InetSocketAddress kept = a.fallback;
      if (kept != null && targets.kindOf(kept).atLeastAsPreferredAs(targets.kindOf(source))) {
        return;
      }
      a.fallback = source;
      a.fallbackSeenByPeer = seenByPeer;
      if (a.grace == null) {
        a.grace =
            scheduler.schedule(
                () -> succeed(a, a.fallback, a.fallbackSeenByPeer),
                a.options.retryInterval().toMillis() * 2,
                TimeUnit.MILLISECONDS);
      }
    }
  }

  private PeerLink succeed(
      PunchAttempt a, InetSocketAddress remote, Optional<InetSocketAddress> seenByPeer) {
    synchronized (a) {
      if (a.link != null) {
        return a.link;
      }
      PeerPath path = new PeerPath(env.localAddress(), env.publicMapping(), remote, seenByPeer);
      if (a.relink != null) {
        return moved(a, path);
      }
      PeerLink link =
          new PeerLink(
              a.peer,
              path,
              a.nonce,
              a.peerNonce,
              a.options.keepalive().toMillis(),
              now(),
              sender,
              scheduler,
              events,
              this::forget);
      a.link = link;
      PeerLink old = links.add(link);
      if (old != null && old != link) {
        old.close(); // a new punch to the same peer replaces the old path
      }
      cancelTimers(a);
      attempts.remove(a.peer, a);
      a.result.complete(new PunchResult.Success(a.peer, link, a.sent.get(), a.elapsedAt(now())));
      return link;
    }
  }

  /** A re-punch of an open link succeeded: the same link, on its new path. Under a's lock. */
  private PeerLink moved(PunchAttempt a, PeerPath path) {
    PeerLink link = a.relink;
    a.link = link;
    PeerPath old = link.path();
    link.moveTo(path);
    link.heard(now());
    links.moved(link, old);
    cancelTimers(a);
    attempts.remove(a.peer, a);
    a.result.complete(new PunchResult.Success(a.peer, link, a.sent.get(), a.elapsedAt(now())));
    if (!old.equals(path)) {
      linkMoved.accept(a.peer, path);
    }
    return link;
  }

  private void fail(PunchAttempt a, PunchFailure reason, String detail) {
    synchronized (a) {
      if (a.link != null || a.result.isDone()) {
        return;
      }
      cancelTimers(a);
      attempts.remove(a.peer, a);
      PeerLink relink = a.relink;
      if (relink != null && relink.liveness().isSilent(now())) {
        relink.close(); // the peer is gone, or unreachable for good: stop trying (and looking up)
      }
      a.result.complete(
          new PunchResult.Failure(a.peer, reason, detail, a.sent.get(), a.elapsedAt(now())));
    }
  }

  private long now() {
    return env.clock().localMillis();
  }

  private static void cancelTimers(PunchAttempt a) {
    if (a.ticker != null) {
      a.ticker.cancel(false);
    }
    if (a.deadline != null) {
      a.deadline.cancel(false);
    }
    if (a.grace != null) {
      a.grace.cancel(false);
    }
  }

  private void forget(PeerLink link) {
    links.remove(link);
  }

  /** The open link to {@code peer}, if any. */
  public Optional<PeerLink> link(ClientId peer) {
    return Optional.ofNullable(links.get(peer));
  }

  private void send(InetSocketAddress to, byte[] datagram) {
    try {
      sender.send(to, datagram);
    } catch (IOException e) {
      // unreachable networks are expected while punching; the timeout reports the failure
    }
  }

  /** Fails every running attempt with SESSION_CLOSED and closes every link. */
  @Override
  public void close() {
    keepalives.cancel(false);
    for (PunchAttempt a : attempts.values()) {
      fail(a, PunchFailure.SESSION_CLOSED, "the session was closed");
    }
    for (PeerLink link : links.all()) {
      link.close();
    }
  }
}
