package dev.rendezvous.client.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The messages a link received and the app has not taken yet: bounded (a full inbox drops, as a
 * full socket buffer would), taken either by {@link #receive} or by the one consumer set with
 * {@link #onReceive}, which runs on the client's callback executor, one message at a time and in
 * order.
 */
public final class LinkInbox {
  private static final int CAPACITY = 1024;

  private final BlockingQueue<byte[]> inbox = new ArrayBlockingQueue<>(CAPACITY);
  private final Executor events;
  private volatile Consumer<byte[]> receiver;

  public LinkInbox(Executor events) {
    this.events = events;
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

  /** Queues one received message (dropped if the inbox is full) and hands it to the consumer. */
  public void deliver(byte[] data) {
    if (!inbox.offer(data)) {
      return; // a full inbox drops, as a full socket buffer would
    }
    if (receiver != null) {
      events.execute(this::drain);
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
}
