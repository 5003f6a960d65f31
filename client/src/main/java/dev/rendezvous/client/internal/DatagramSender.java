package dev.rendezvous.client.internal;

import java.io.IOException;
import java.net.InetSocketAddress;

/** Sends one datagram from a session's socket. */
@FunctionalInterface
public interface DatagramSender {
  void send(InetSocketAddress to, byte[] datagram) throws IOException;
}
