package dev.rendezvous.protocol.v2;

import dev.rendezvous.protocol.MalformedPulseException;
import dev.rendezvous.protocol.RequestVersion;

/**
 * The header every v2 message starts with.
 *
 * <pre>
 *  0       1       2       3
 * +-------+-------+-------+-------+
 * |version| type  |    flags      |   version = 0x02
 * +-------+-------+-------+-------+
 * </pre>
 *
 * Types with the high bit set travel from the service to the client. Flags are zero except {@link
 * #FLAG_IPV6} in a PULSE (byte 3, bit 0): the sender binds the address family of its path.
 */
public final class V2Header {
  public static final int LENGTH = 4;
  public static final byte VERSION = RequestVersion.V2_VERSION_BYTE;
  public static final byte TYPE_PULSE = 0x01;
  public static final byte TYPE_PULSE_REPLY = (byte) 0x81;
  public static final byte TYPE_CHALLENGE = (byte) 0x83;
  public static final byte TYPE_PUNCH_NOW = (byte) 0x82;
  public static final byte TYPE_PUNCH_NOW_ACK = 0x04;

  /** PULSE flag (byte 3, bit 0): the path is IPv6 as the edge last reported it; 0 means IPv4. */
  public static final int FLAG_IPV6 = 0x01;

  private V2Header() {}

  static void write(byte[] out, byte type) {
    write(out, type, 0);
  }

  static void write(byte[] out, byte type, int flags) {
    out[0] = VERSION;
    out[1] = type;
    out[2] = (byte) (flags >>> 8);
    out[3] = (byte) flags;
  }

  /** The 16-bit flags field. */
  static int flags(byte[] in) {
    return ((in[2] & 0xff) << 8) | (in[3] & 0xff);
  }

  static void check(byte[] in, byte expectedType) {
    check(in, expectedType, 0);
  }

  /** Checks version and type, and that no flag outside {@code allowedFlags} is set. */
  static void check(byte[] in, byte expectedType, int allowedFlags) {
    if (in.length < LENGTH) {
      throw new MalformedPulseException("v2 header needs 4 bytes", in.length);
    }
    if (in[0] != VERSION) {
      throw new MalformedPulseException("v2 version byte must be 0x02", 0);
    }
    if (in[1] != expectedType) {
      throw new MalformedPulseException("unexpected v2 message type", 1);
    }
    if ((flags(in) & ~allowedFlags) != 0) {
      throw new MalformedPulseException("v2 flags must be zero", in[2] != 0 ? 2 : 3);
    }
  }
}
