package dev.rendezvous.client.call;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A sealed PUNCH_ACK's payload: the acknowledged sequence (8), then the address the PUNCH came from
 * (family 4/6, 0, port (2), address (4 or 16; 28 bytes in all, zero-padded)).
 */
final class PunchAck {
  private static final int LENGTH = 28;

  private PunchAck() {}

  static byte[] payload(long sequence, InetSocketAddress seen) {
    ByteBuffer out = ByteBuffer.allocate(LENGTH);
    out.putLong(sequence);
    boolean v4 = seen.getAddress() instanceof Inet4Address;
    out.put((byte) (v4 ? 4 : 6)).put((byte) 0).putShort((short) seen.getPort());
    out.put(seen.getAddress().getAddress());
    return out.array();
  }

  /** The address the PUNCH came from, as the peer saw it; empty if the payload does not read. */
  static Optional<InetSocketAddress> seenIn(byte[] payload) {
    if (payload.length != LENGTH || (payload[8] != 4 && payload[8] != 6)) {
      return Optional.empty();
    }
    ByteBuffer in = ByteBuffer.wrap(payload, 10, LENGTH - 10);
    int port = in.getShort() & 0xffff;
    byte[] address = new byte[payload[8] == 4 ? 4 : 16];
    in.get(address);
    try {
      return Optional.of(new InetSocketAddress(InetAddress.getByAddress(address), port));
    } catch (UnknownHostException e) {
      return Optional.empty(); // cannot happen: the length is right
    }
  }
}
