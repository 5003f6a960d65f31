package dev.rendezvous.client.punch;

import dev.rendezvous.client.internal.DatagramSender;
import dev.rendezvous.client.internal.Futures;
import dev.rendezvous.client.internal.LinkInbox;
import dev.rendezvous.client.internal.LinkLiveness;
import dev.rendezvous.protocol.identity.ClientId;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * An open path to a peer, on the session's socket. Send with {@link #send(byte[])} (on the calling
 * thread) or {@link #sendAsync(byte[])} (on the SDK's timer thread: the one to use from Android's
 * main thread, where network calls are not allowed); receive either with a callback ({@link
 * #onReceive}, run on the client's callback executor) or by polling ({@link #receive(Duration)}).
 * Messages are plain UDP datagrams: unordered, unreliable, unencrypted (run your own DTLS or Noise
 * over them if they matter). Thread-safe.
 */
public final class PeerLink implements AutoCloseable {
  private final ClientId peer;
  private volatile PeerPath path;
  private final long myNonce;
  private final DatagramSender sender;
  private final Executor io;
  private final Executor events;
  private final Consumer<PeerLink> onClose;
  private final LinkInbox inbox;
  private volatile long peerNonce;
  private final LinkLiveness liveness;
  private final long createdMillis;
  private volatile boolean closed;

  PeerLink(
      ClientId peer,
      PeerPath path,
      long myNonce,
      long peerNonce,
      long keepaliveMillis,
      long nowMillis,
      DatagramSender sender,
      Executor io,
      Executor events,
      Consumer<PeerLink> onClose) {
    this.peer = peer;
    this.path = path;
    this.myNonce = myNonce;
    this.peerNonce = peerNonce;
    this.liveness = new LinkLiveness(keepaliveMillis, nowMillis, this::sendKeepalive);
    this.createdMillis = nowMillis;
    this.sender = sender;
    this.io = io;
    this.events = events;
    this.inbox = new LinkInbox(events);
    this.onClose = onClose;
  }

  public ClientId peer() {
    return peer;
  }

  public PeerPath path() {
    return path;
  }

  public boolean isOpen() {
    return !closed;
  }

  /**
   * Sends one DATA datagram of at most {@link PeerMessage#MAX_PAYLOAD} bytes.
   *
   * @throws IOException if the socket cannot send, or the link is closed
   */
  public void send(byte[] data) throws IOException {
    if (closed) {
      throw new IOException("link to " + peer + " is closed");
    }
    sender.send(path.remote(), PeerMessage.data(myNonce, data).encode());
  }

  /**
   * Sends one DATA datagram without blocking the calling thread: the send happens on the SDK's
   * timer thread. The future completes (on the client's callback executor) once the datagram left
   * the socket, or fails with the {@link IOException} that {@link #send(byte[])} would throw.
   *
   * @throws IllegalArgumentException if {@code data} is longer than {@link PeerMessage#MAX_PAYLOAD}
   */
  public CompletableFuture<Void> sendAsync(byte[] data) {
    byte[] datagram = PeerMessage.data(myNonce, data).encode();
    return Futures.sendOn(
        io,
        events,
        peer,
        () -> {
          if (closed) {
            throw new IOException("link to " + peer + " is closed");
          }
          sender.send(path.remote(), datagram);
        });
  }

  /**
   * Delivers every message received from now on (and any already queued) to {@code consumer}, on
   * the client's callback executor, one at a time and in order.
   */
  public void onReceive(Consumer<byte[]> consumer) {
    inbox.onReceive(consumer);
  }

  /** Waits up to {@code timeout} for the next message; empty on timeout. */
  public Optional<byte[]> receive(Duration timeout) throws InterruptedException {
    return inbox.receive(timeout);
  }

  long peerNonce() {
    return peerNonce;
  }

  long myNonce() {
    return myNonce;
  }

  /** The path moved (a re-punch after a handover succeeded). */
  void moveTo(PeerPath moved) {
    path = moved;
  }

  /** Something arrived from the peer on this link's path at {@code nowMillis}. */
  void heard(long nowMillis) {
    liveness.heard(nowMillis);
  }

  LinkLiveness liveness() {
    return liveness;
  }

  long createdMillis() {
    return createdMillis;
  }

  void learnPeerNonce(long nonce) {
    if (peerNonce == 0) {
      peerNonce = nonce;
    }
  }

  private void sendKeepalive() throws IOException {
    if (!closed) {
      sender.send(path.remote(), PeerMessage.keepalive(myNonce).encode());
    }
  }

  void deliver(byte[] data) {
    if (!closed) {
      inbox.deliver(data);
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
    return "PeerLink[" + peer + " " + path + (closed ? ", closed" : "") + "]";
  }
}
