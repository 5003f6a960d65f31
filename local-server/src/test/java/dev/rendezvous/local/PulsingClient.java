package dev.rendezvous.local;

import dev.rendezvous.protocol.call.CallId;
import dev.rendezvous.protocol.identity.PrivateKey;
import dev.rendezvous.protocol.identity.PulseMacKey;
import dev.rendezvous.protocol.v1.PulseV1Request;
import dev.rendezvous.protocol.v1.PulseV1RequestCodec;
import dev.rendezvous.protocol.v2.PunchNowAckCodec;
import dev.rendezvous.protocol.v2.PunchNowCodec;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A client on its own UDP socket: pulses the edge, and (while {@link #acking}) acknowledges every
 * PUNCH_NOW that authenticates under its key, from a receiver thread. Records every push it got.
 */
final class PulsingClient implements AutoCloseable {
  final PrivateKey key;
  final List<CallId> pushes = new CopyOnWriteArrayList<>();
  final List<byte[]> forged = new CopyOnWriteArrayList<>();
  volatile boolean acking = true;
  private final DatagramSocket socket;
  private final int edgePort;
  private final Thread receiver;

  PulsingClient(PrivateKey key, int edgePort) throws SocketException {
    this.key = key;
    this.edgePort = edgePort;
    this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    this.receiver = new Thread(this::receive, "pulsing-client");
    receiver.setDaemon(true);
    receiver.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  void pulse() throws IOException {
    send(PulseV1RequestCodec.encode(key, PulseV1Request.Form.RAW));
  }

  void send(byte[] datagram) throws IOException {
    socket.send(
        new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), edgePort));
  }

  private void receive() {
    byte[] buffer = new byte[2048];
    PulseMacKey mac = key.pulseMacKey();
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        byte[] datagram = Arrays.copyOf(buffer, packet.getLength());
        if (!PunchNowCodec.looksLikePunchNow(datagram)) {
          continue; // a pulse reply
        }
        CallId call = PunchNowCodec.decode(datagram, mac);
        pushes.add(call);
        if (acking) {
          send(PunchNowAckCodec.encode(key.clientId(), call, mac));
        }
      } catch (IOException | RuntimeException e) {
        if (socket.isClosed()) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
