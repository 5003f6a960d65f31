package dev.rendezvous.client.call;

import dev.rendezvous.client.punch.PeerPath;
import dev.rendezvous.client.punch.PunchOptions;
import dev.rendezvous.client.session.NatMapping;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One side of a call on a real loopback socket: a {@link CallPuncher} fed by a receiver thread.
 * Records every datagram it sent (so a test can replay one) and counts those no call took. {@link
 * #rebind} moves it to a new socket on a new port, as a handover moves a phone to a new mapping.
 */
final class Peer implements AutoCloseable, CallPuncher.Network {
  final CallPuncher puncher;
  final List<byte[]> sent = new CopyOnWriteArrayList<>();
  final List<PeerPath> moves = new CopyOnWriteArrayList<>();
  final AtomicInteger notSecure = new AtomicInteger();
  final AtomicInteger pulses = new AtomicInteger();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private volatile DatagramSocket socket;

  Peer() throws IOException {
    socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    puncher =
        new CallPuncher(
            timers,
            Runnable::run,
            (to, datagram) -> {
              sent.add(datagram.clone());
              DatagramSocket s = socket;
              s.send(new DatagramPacket(datagram, datagram.length, to));
            },
            System::currentTimeMillis,
            this);
    listen(socket);
  }

  /** Closes the socket and carries on from a new one (a new local port: a new mapping). */
  void rebind() throws IOException {
    DatagramSocket old = socket;
    DatagramSocket fresh = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    socket = fresh;
    old.close();
    listen(fresh);
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

  private void listen(DatagramSocket on) {
    Thread receiver = new Thread(() -> receive(on), "peer-" + on.getLocalPort());
    receiver.setDaemon(true);
    receiver.start();
  }

  private void receive(DatagramSocket on) {
    byte[] buffer = new byte[2048];
    while (!on.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        on.receive(packet);
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
  public InetSocketAddress localAddress() {
    return address();
  }

  @Override
  public Optional<InetSocketAddress> publicMapping() {
    return Optional.empty();
  }

  @Override
  public void pulseNow() {
    pulses.incrementAndGet();
  }

  @Override
  public void linkMoved(dev.rendezvous.protocol.identity.ClientId peer, PeerPath path) {
    moves.add(path);
  }

  @Override
  public void close() {
    puncher.close();
    timers.shutdownNow();
    socket.close();
  }
}
