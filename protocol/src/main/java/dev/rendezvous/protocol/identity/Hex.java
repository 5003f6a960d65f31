package dev.rendezvous.protocol.identity;

import java.util.Optional;

/** Lowercase hex encoding with strict, non-throwing parsing. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  public static String encode(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /**
   * Decodes exactly {@code byteLength} bytes from hex text (either case), or returns empty when the
   * text has another length or a character that is not a hex digit.
   */
  public static Optional<byte[]> decode(CharSequence text, int byteLength) {
    if (text == null || text.length() != byteLength * 2) {
      return Optional.empty();
    }
    byte[] out = new byte[byteLength];
    for (int i = 0; i < byteLength; i++) {
      int hi = Character.digit(text.charAt(2 * i), 16);
      int lo = Character.digit(text.charAt(2 * i + 1), 16);
      if (hi < 0
          || lo < 0
          || !isAsciiHex(text.charAt(2 * i))
          || !isAsciiHex(text.charAt(2 * i + 1))) {
        return Optional.empty();
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return Optional.of(out);
  }

  /** True for the ASCII characters 0-9, a-f and A-F (Character.digit also accepts other digits). */
  public static boolean isAsciiHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
