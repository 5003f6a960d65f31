package dev.rendezvous.edge.live;

import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.protocol.net.HostText;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP address as two longs (IPv4 as its IPv4-mapped IPv6 form), so the live table keeps no object
 * per client; and back to the text the directory records.
 */
public final class Addresses {
  private static final long MAPPED_PREFIX = 0x0000_ffff_0000_0000L;

  private Addresses() {}

  /** The high 64 bits of the 128-bit form. */
  public static long hi(InetAddress address) {
    if (address instanceof Inet4Address) {
      return 0L;
    }
    return bytesToLong(address.getAddress(), 0);
  }

  /** The low 64 bits of the 128-bit form. */
  public static long lo(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length == 4) {
      return MAPPED_PREFIX | (bytesToInt(bytes) & 0xffff_ffffL);
    }
    return bytesToLong(bytes, 8);
  }

  /** The address back from its two longs. */
  public static InetAddress toInetAddress(long hi, long lo, boolean v6) {
    byte[] bytes;
    if (v6) {
      bytes = new byte[16];
      longToBytes(hi, bytes, 0);
      longToBytes(lo, bytes, 8);
    } else {
      bytes = new byte[4];
      int v4 = (int) lo;
      for (int i = 0; i < 4; i++) {
        bytes[i] = (byte) (v4 >>> (24 - 8 * i));
      }
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 or 16 bytes are always an address", e);
    }
  }

  /** The recorded form: textual IP without any IPv6 scope, and the port. */
  public static ObservedAddress observed(long hi, long lo, boolean v6, int port) {
    return observed(toInetAddress(hi, lo, v6), port);
  }

  /**
   * The recorded form of an address: its canonical text ({@link HostText}: dotted IPv4, also for an
   * IPv4-mapped sender on a dual-stack socket; RFC 5952 IPv6, no scope), and the port.
   */
  public static ObservedAddress observed(InetAddress address, int port) {
    return new ObservedAddress(HostText.of(address), port);
  }

  /**
   * True for an IPv6 address that is not IPv4-mapped: Java turns the mapped form into an {@code
   * Inet4Address} (as it arrives from an IPv4 sender on a dual-stack socket).
   */
  public static boolean isV6(InetAddress address) {
    return !(address instanceof Inet4Address);
  }

  private static long bytesToLong(byte[] bytes, int offset) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (bytes[offset + i] & 0xff);
    }
    return v;
  }

  private static int bytesToInt(byte[] bytes) {
    return ((bytes[0] & 0xff) << 24)
        | ((bytes[1] & 0xff) << 16)
        | ((bytes[2] & 0xff) << 8)
        | (bytes[3] & 0xff);
  }

  private static void longToBytes(long v, byte[] out, int offset) {
    for (int i = 0; i < 8; i++) {
      out[offset + i] = (byte) (v >>> (56 - 8 * i));
    }
  }
}
