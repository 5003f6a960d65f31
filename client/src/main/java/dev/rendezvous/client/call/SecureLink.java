package dev.rendezvous.client.call;

import dev.rendezvous.client.internal.DatagramSender;
import dev.rendezvous.client.internal.Futures;
import dev.rendezvous.client.internal.LinkInbox;
import dev.rendezvous.client.internal.LinkLiveness;
import dev.rendezvous.client.punch.PeerPath;
import dev.rendezvous.protocol.identity.ClientId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * An open, authenticated and encrypted path to the peer of a call, on the session's socket. Every
 * message is sealed with AES-256-GCM under this side's direction key; what arrives is opened with
 * the peer's, and each sequence number is accepted once (a forged, altered or replayed datagram is
 * dropped silently). Messages are datagrams: unordered and unreliable. Receive with {@link
 * #onReceive} (on the client's callback executor) or {@link #receive(Duration)}. The link survives
 * a network handover: when either side's network changes it is punched again with sealed messages,
 * and each side follows the other to the address its newest authentic message came from (the app
 * hears {@code onLinkMoved}). Thread-safe.
 */
public final class SecureLink implements AutoCloseable {
  private final ClientId peer;
  private final LinkState state;
  private final DatagramSender sender;
  private final Executor io;
  private final Executor events;
  private final Consumer<SecureLink> onClose;
  private final LinkInbox inbox;
  private final LinkLiveness liveness;
  private volatile PeerPath path;
  private long newestHeard; // guarded by this: the highest sequence whose source was followed
  private volatile boolean closed;

  SecureLink(
      ClientId peer,
      PeerPath path,
      LinkState state,
      long keepaliveMillis,
      long nowMillis,
      DatagramSender sender,
      Executor io,
      Executor events,
      Consumer<SecureLink> onClose) {
    this.peer = peer;
    this.path = path;
    this.state = state;
    this.liveness = new LinkLiveness(keepaliveMillis, nowMillis, this::sendKeepalive);
    this.sender = sender;
    this.io = io;
    this.events = events;
    this.inbox = new LinkInbox(events);
    this.onClose = onClose;
  }

  public ClientId peer() {
    return peer;
  }

  /** Where the peer's messages come from now (follows the peer if its mapping moves). */
  public InetSocketAddress remote() {
    return path.remote();
  }

  /** The path the link runs on now. */
  public PeerPath path() {
    return path;
  }

  public boolean isOpen() {
    return !closed;
  }

  /**
   * Seals and sends one message of at most 1200 bytes, on the calling thread.
   *
   * @throws IOException if the socket cannot send, or the link is closed
   */
  public void send(byte[] data) throws IOException {
    if (closed) {
      throw new IOException("link to " + peer + " is closed");
    }
    sender.send(path.remote(), state.seal(SecureMessage.TYPE_DATA, data));
  }

  /**
   * Sends one message on the SDK's timer thread (for callers that must not do network I/O, such as
   * Android's main thread); completes on the client's callback executor.
   */
  public CompletableFuture<Void> sendAsync(byte[] data) {
    if (data.length > SecureMessage.MAX_PAYLOAD) {
      throw new IllegalArgumentException("at most " + SecureMessage.MAX_PAYLOAD + " bytes");
    }
    return Futures.sendOn(io, events, peer, () -> send(data));
  }

  /** Delivers every message from now on (and any queued) to {@code consumer}, in order. */
  public void onReceive(Consumer<byte[]> consumer) {
    inbox.onReceive(consumer);
  }

  /** Waits up to {@code timeout} for the next message; empty on timeout. */
  public Optional<byte[]> receive(Duration timeout) throws InterruptedException {
    return inbox.receive(timeout);
  }

  LinkState state() {
    return state;
  }

  LinkLiveness liveness() {
    return liveness;
  }

  /**
   * An authentic message with {@code sequence} arrived from {@code source}: the peer is alive, and
   * if this is its newest message, the peer's mapping is where it now comes from (a late message
   * from an old path never moves the link back).
   */
  void heard(InetSocketAddress source, long sequence, long nowMillis) {
    liveness.heard(nowMillis);
    synchronized (this) {
      if (sequence <= newestHeard) {
        return;
      }
      newestHeard = sequence;
      PeerPath now = path;
      if (!now.remote().equals(source)) {
        path = new PeerPath(now.local(), now.localPublic(), source, now.seenByPeer());
      }
    }
  }

  /** A re-punch after a handover succeeded on {@code moved}. */
  synchronized void moveTo(PeerPath moved) {
    path = moved;
  }

  /** An authentic DATA's payload. */
  void deliver(byte[] data) {
    if (!closed) {
      inbox.deliver(data);
    }
  }

  private void sendKeepalive() throws IOException {
    if (!closed) {
      sender.send(path.remote(), state.seal(SecureMessage.TYPE_KEEPALIVE, new byte[0]));
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      onClose.accept(this);
    }
  }

  @Override
  public String toString() {
    return "SecureLink[" + peer + " at " + path.remote() + (closed ? ", closed" : "") + "]";
  }
}
