package dev.rendezvous.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/** A real UDP client socket on loopback, as a pulsing app would have. */
public final class UdpProbe implements AutoCloseable {
  private final DatagramSocket socket;
  private final InetSocketAddress edge;

  public UdpProbe(int edgePort) {
    try {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    edge = new InetSocketAddress(InetAddress.getLoopbackAddress(), edgePort);
  }

  public int localPort() {
    return socket.getLocalPort();
  }

  public void send(byte[] datagram) {
    try {
      socket.send(new DatagramPacket(datagram, datagram.length, edge));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next datagram from the edge within {@code wait}, or null for silence. */
  public byte[] receive(Duration wait) {
    byte[] buffer = new byte[2048];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    try {
      socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
      socket.receive(packet);
      return Arrays.copyOf(buffer, packet.getLength());
    } catch (SocketTimeoutException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends and waits for the reply (or silence). */
  public byte[] exchange(byte[] datagram, Duration wait) {
    send(datagram);
    return receive(wait);
  }

  @Override
  public void close() {
    socket.close();
  }
}
