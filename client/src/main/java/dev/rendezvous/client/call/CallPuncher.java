package dev.rendezvous.client.call;

import dev.rendezvous.client.internal.DatagramSender;
import dev.rendezvous.client.punch.PunchOptions;
import dev.rendezvous.client.session.NatMapping;
import dev.rendezvous.protocol.identity.ClientId;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
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
 * strangers, forgers and replayers change nothing. Open links get a KEEPALIVE every 15 s.
 */
final class CallPuncher implements AutoCloseable {
  private static final long KEEPALIVE_MILLIS = 15_000;

  private final ScheduledExecutorService scheduler;
  private final Executor events;
  private final DatagramSender sender;
  private final LongSupplier localMillis;
  private final Map<Long, CallAttempt> attempts = new ConcurrentHashMap<>();
  private final Map<Long, SecureLink> links = new ConcurrentHashMap<>();
  private final ScheduledFuture<?> keepalives;

  CallPuncher(
      ScheduledExecutorService scheduler,
      Executor events,
      DatagramSender sender,
      LongSupplier localMillis) {
    this.scheduler = scheduler;
    this.events = events;
    this.sender = sender;
    this.localMillis = localMillis;
    this.keepalives =
        scheduler.scheduleWithFixedDelay(
            this::sendKeepalives, KEEPALIVE_MILLIS, KEEPALIVE_MILLIS, TimeUnit.MILLISECONDS);
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
    switch (m.type()) {
      case SecureMessage.TYPE_PUNCH -> {
        if (a != null) {
          a.peerSource = source;
        }
        send(source, state.seal(SecureMessage.TYPE_PUNCH_ACK, ack(m.sequence(), source)));
      }
      case SecureMessage.TYPE_PUNCH_ACK -> {
        if (a != null) {
          succeed(a, source);
        }
      }
      case SecureMessage.TYPE_DATA -> {
        SecureLink open = link != null ? link : a != null ? succeed(a, source) : null;
        if (open != null) {
          open.deliver(source, m.plaintext());
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

  private SecureLink succeed(CallAttempt a, InetSocketAddress remote) {
    synchronized (a) {
      if (a.link != null || a.result.isDone()) {
        return a.link;
      }
      SecureLink link =
          new SecureLink(a.peer, remote, a.state, sender, scheduler, events, this::forget);
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

  private static byte[] ack(long sequence, InetSocketAddress seen) {
    ByteBuffer out = ByteBuffer.allocate(28);
    out.putLong(sequence);
    boolean v4 = seen.getAddress() instanceof Inet4Address;
    out.put((byte) (v4 ? 4 : 6)).put((byte) 0).putShort((short) seen.getPort());
    out.put(seen.getAddress().getAddress());
    return out.array();
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
    links.remove(link.state().keys.tag(), link);
  }

  private void sendKeepalives() {
    for (SecureLink link : links.values()) {
      try {
        link.keepalive();
      } catch (IOException e) {
        // the next keepalive tries again
      }
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
    for (CallAttempt a : attempts.values()) {
      fail(a, CallFailure.SESSION_CLOSED, "the session was closed");
    }
    for (SecureLink link : links.values()) {
      link.close();
    }
  }
}
