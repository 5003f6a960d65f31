package dev.rendezvous.client.call;

import dev.rendezvous.client.punch.PunchOptions;
import dev.rendezvous.client.session.NatMapping;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One side of a call on a real loopback socket: a {@link CallPuncher} fed by a receiver thread.
 * Records every datagram it sent (so a test can replay one) and counts those no call took.
 */
final class Peer implements AutoCloseable {
  final DatagramSocket socket;
  final CallPuncher puncher;
  final List<byte[]> sent = new CopyOnWriteArrayList<>();
  final AtomicInteger notSecure = new AtomicInteger();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final Thread receiver;

  Peer() throws IOException {
    socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    puncher =
        new CallPuncher(
            timers,
            Runnable::run,
            (to, datagram) -> {
              sent.add(datagram.clone());
              socket.send(new DatagramPacket(datagram, datagram.length, to));
            },
            System::currentTimeMillis);
    receiver = new Thread(this::receive, "peer-" + socket.getLocalPort());
    receiver.setDaemon(true);
    receiver.start();
  }

  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
  }

  CompletableFuture<CallResult> start(Peer other, byte[] pairKey, boolean caller) {
    return start(other, pairKey, caller, PunchOptions.defaults());
  }

  CompletableFuture<CallResult> start(
      Peer other, byte[] pairKey, boolean caller, PunchOptions options) {
    return puncher.start(
        dev.rendezvous.protocol.identity.ClientId.fromBytes(new byte[16]),
        other.address(),
        LinkKeys.derive(pairKey, caller),
        options,
        System.currentTimeMillis(),
        new CompletableFuture<NatMapping>());
  }

  private void receive() {
    byte[] buffer = new byte[2048];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (IOException e) {
        return;
      }
      byte[] datagram = Arrays.copyOf(buffer, packet.getLength());
      if (!puncher.onDatagram((InetSocketAddress) packet.getSocketAddress(), datagram)) {
        notSecure.incrementAndGet();
      }
    }
  }

  @Override
  public void close() {
    puncher.close();
    timers.shutdownNow();
    socket.close();
  }
}
