package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.directory.LanCandidates;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.protocol.net.HostText;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code lanCandidates} attribute, compact so that the client item stays within one write unit
 * (at most 1 + 5 + 4 x 19 = 82 bytes): a count of "behind" bytes (0 or 4) and the public IPv4
 * address the client was recorded behind when it reported, then per candidate its address length (4
 * or 16), the address and the port (u16).
 */
final class LanCandidateBytes {
  private LanCandidateBytes() {}

  static byte[] encode(LanCandidates candidates) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(82);
    byte[] behind = candidates.behind().map(LanCandidateBytes::address).orElse(new byte[0]);
    out.write(behind.length);
    out.writeBytes(behind);
    for (ObservedAddress a : candidates.addresses()) {
      byte[] ip = address(a.host());
      out.write(ip.length);
      out.writeBytes(ip);
      out.write(a.port() >>> 8);
      out.write(a.port() & 0xff);
    }
    return out.toByteArray();
  }

  /** The stored candidates; {@link LanCandidates#NONE} for an attribute that does not decode. */
  static LanCandidates decode(byte[] stored) {
    try {
      ByteBuffer in = ByteBuffer.wrap(stored);
      Optional<String> behind = Optional.empty();
      int behindLength = in.get();
      if (behindLength > 0) {
        behind = Optional.of(text(in, behindLength));
      }
      List<ObservedAddress> addresses = new ArrayList<>();
      while (in.hasRemaining()) {
        String host = text(in, in.get());
        addresses.add(new ObservedAddress(host, Short.toUnsignedInt(in.getShort())));
      }
      return new LanCandidates(behind, addresses);
    } catch (RuntimeException | UnknownHostException e) {
      return LanCandidates.NONE;
    }
  }

  private static String text(ByteBuffer in, int length) throws UnknownHostException {
    if (length != 4 && length != 16) {
      throw new IllegalArgumentException("address length " + length);
    }
    byte[] ip = new byte[length];
    in.get(ip);
    return HostText.of(InetAddress.getByAddress(ip));
  }

  private static byte[] address(String host) {
    InetAddress ip = HostText.parseLiteral(host);
    return ip.getAddress(); // 4 bytes for IPv4 (also an IPv4-mapped literal), else 16
  }
}
