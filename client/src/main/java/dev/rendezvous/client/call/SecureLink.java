package dev.rendezvous.client.call;

import dev.rendezvous.client.internal.DatagramSender;
import dev.rendezvous.client.internal.Futures;
import dev.rendezvous.protocol.identity.ClientId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An open, authenticated and encrypted path to the peer of a call, on the session's socket. Every
 * message is sealed with AES-256-GCM under this side's direction key; what arrives is opened with
 * the peer's, and each sequence number is accepted once (a forged, altered or replayed datagram is
 * dropped silently). Messages are datagrams: unordered and unreliable. Receive with {@link
 * #onReceive} (on the client's callback executor) or {@link #receive(Duration)}. Thread-safe.
 */
public final class SecureLink implements AutoCloseable {
  private static final int QUEUE_CAPACITY = 1024;

  private final ClientId peer;
  private final LinkState state;
  private final DatagramSender sender;
  private final Executor io;
  private final Executor events;
  private final Consumer<SecureLink> onClose;
  private final BlockingQueue<byte[]> inbox = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private volatile InetSocketAddress remote;
  private volatile Consumer<byte[]> receiver;
  private volatile boolean closed;

  SecureLink(
      ClientId peer,
      InetSocketAddress remote,
      LinkState state,
      DatagramSender sender,
      Executor io,
      Executor events,
      Consumer<SecureLink> onClose) {
    this.peer = peer;
    this.remote = remote;
    this.state = state;
    this.sender = sender;
    this.io = io;
    this.events = events;
    this.onClose = onClose;
  }

  public ClientId peer() {
    return peer;
  }

  /** Where the peer's messages come from now (follows the peer if its mapping moves). */
  public InetSocketAddress remote() {
    return remote;
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
    sender.send(remote, state.seal(SecureMessage.TYPE_DATA, data));
  }

  /**
   * Sends one message on the SDK's timer thread (for callers that must not do network I/O, such as
   * Android's main thread); completes on the client's callback executor.
   */
  public CompletableFuture<Void> sendAsync(byte[] data) {
    if (data.length > SecureMessage.MAX_PAYLOAD) {
      throw new IllegalArgumentException("at most " + SecureMessage.MAX_PAYLOAD + " bytes");
    }
    CompletableFuture<Void> sent = new CompletableFuture<>();
    try {
      io.execute(
          () -> {
            try {
              send(data);
              sent.complete(null);
            } catch (IOException | RuntimeException e) {
              sent.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      sent.completeExceptionally(new IOException("link to " + peer + " is closed", e));
    }
    return Futures.completeOn(sent, events);
  }

  /** Delivers every message from now on (and any queued) to {@code consumer}, in order. */
  public void onReceive(Consumer<byte[]> consumer) {
    receiver = consumer;
    events.execute(this::drain);
  }

  /** Waits up to {@code timeout} for the next message; empty on timeout. */
  public Optional<byte[]> receive(Duration timeout) throws InterruptedException {
    return Optional.ofNullable(inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
  }

  LinkState state() {
    return state;
  }

  /** An authenticated DATA from {@code source}: the peer's mapping is where it now comes from. */
  void deliver(InetSocketAddress source, byte[] data) {
    remote = source;
    if (closed || !inbox.offer(data)) {
      return;
    }
    if (receiver != null) {
      events.execute(this::drain);
    }
  }

  void keepalive() throws IOException {
    if (!closed) {
      sender.send(remote, state.seal(SecureMessage.TYPE_KEEPALIVE, new byte[0]));
    }
  }

  private void drain() {
    Consumer<byte[]> r = receiver;
    if (r == null) {
      return;
    }
    byte[] next;
    while ((next = inbox.poll()) != null) {
      r.accept(next);
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
    return "SecureLink[" + peer + " at " + remote + (closed ? ", closed" : "") + "]";
  }
}
