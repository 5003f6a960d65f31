package dev.rendezvous.protocol.v2;

import dev.rendezvous.protocol.MalformedPulseException;
import dev.rendezvous.protocol.RequestVersion;

/**
 * The header every v2 message starts with.
 *
 * <pre>
 *  0       1       2       3
 * +-------+-------+-------+-------+
 * |version| type  |    flags      |   version = 0x02, flags = 0 (reserved)
 * +-------+-------+-------+-------+
 * </pre>
 *
 * Types with the high bit set travel from the service to the client.
 */
public final class V2Header {
  public static final int LENGTH = 4;
  public static final byte VERSION = RequestVersion.V2_VERSION_BYTE;
  public static final byte TYPE_PULSE = 0x01;
  public static final byte TYPE_PULSE_REPLY = (byte) 0x81;

  private V2Header() {}

  static void write(byte[] out, byte type) {
    out[0] = VERSION;
    out[1] = type;
    out[2] = 0;
    out[3] = 0;
  }

  static void check(byte[] in, byte expectedType) {
    if (in.length < LENGTH) {
      throw new MalformedPulseException("v2 header needs 4 bytes", in.length);
    }
    if (in[0] != VERSION) {
      throw new MalformedPulseException("v2 version byte must be 0x02", 0);
    }
    if (in[1] != expectedType) {
      throw new MalformedPulseException("unexpected v2 message type", 1);
    }
    if (in[2] != 0 || in[3] != 0) {
      throw new MalformedPulseException("v2 flags must be zero", in[2] != 0 ? 2 : 3);
    }
  }
}
