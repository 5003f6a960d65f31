package dev.rendezvous.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop v1 clients: a client {@link #add added} right after it registered pulses its 32-byte
 * key at once and then every {@code pulseMillis}, always from socket {@code i mod sockets} (i in
 * the order added: a fixed source, as behind a NAT). One thread sends on schedule, one counts
 * replies; both stop on {@link #close()}.
 */
final class PulsingClients implements AutoCloseable {
  private static final int SOCKETS = 64;

  private final DatagramChannel[] sockets = new DatagramChannel[SOCKETS];
  private final Selector selector;
  private final long periodNanos;
  private final Queue<byte[]> added = new ConcurrentLinkedQueue<>();
  private final LongAdder sent = new LongAdder();
  private final LongAdder replies = new LongAdder();
  private final Thread sender = new Thread(this::sendLoop, "pulsing-clients-send");
  private final Thread receiver = new Thread(this::receive, "pulsing-clients-receive");
  private volatile boolean running = true;

  PulsingClients(int port, long pulseMillis) throws IOException {
    this.periodNanos = pulseMillis * 1_000_000L;
    this.selector = Selector.open();
    for (int s = 0; s < SOCKETS; s++) {
      sockets[s] = DatagramChannel.open();
      sockets[s].connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      sockets[s].configureBlocking(false);
      sockets[s].register(selector, SelectionKey.OP_READ);
    }
    sender.start();
    receiver.start();
  }

  /** A client that just registered: its first pulse goes out at once. */
  void add(byte[] key) {
    added.add(key);
  }

  long sent() {
    return sent.sum();
  }

  long replies() {
    return replies.sum();
  }

  private void sendLoop() {
    List<byte[]> keys = new ArrayList<>();
    long[] next = new long[1024];
    while (running) {
      for (byte[] key = added.poll(); key != null; key = added.poll()) {
        if (keys.size() == next.length) {
          next = Arrays.copyOf(next, next.length * 2);
        }
        next[keys.size()] = System.nanoTime();
        keys.add(key);
      }
      long now = System.nanoTime();
      long soonest = now + 5_000_000L;
      for (int i = 0; i < keys.size(); i++) {
        if (next[i] <= now) {
          try {
            sockets[i % SOCKETS].write(ByteBuffer.wrap(keys.get(i)));
            sent.increment();
          } catch (IOException e) {
            // A lost datagram is a lost pulse: the edge's counters tell.
          }
          next[i] += periodNanos;
        }
        soonest = Math.min(soonest, next[i]);
      }
      LockSupport.parkNanos(Math.max(0, soonest - System.nanoTime()));
    }
  }

  private void receive() {
    ByteBuffer buffer = ByteBuffer.allocate(2048);
    while (running) {
      try {
        selector.select(100);
        for (SelectionKey key : selector.selectedKeys()) {
          DatagramChannel channel = (DatagramChannel) key.channel();
          buffer.clear();
          while (channel.read(buffer) > 0) {
            replies.increment();
            buffer.clear();
          }
        }
        selector.selectedKeys().clear();
      } catch (IOException e) {
        // Keep counting: a refused read on loopback is a lost reply, nothing more.
      }
    }
  }

  @Override
  public void close() throws IOException {
    running = false;
    try {
      sender.join();
      receiver.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    selector.close();
    for (DatagramChannel s : sockets) {
      s.close();
    }
  }
}
