package dev.rendezvous.client.call;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A peer message of a call's link: every one is sealed with AES-256-GCM under the sender's
 * direction key (docs/protocol.md, "Secure peer messages").
 *
 * <pre>
 *  0               4       5       6       8                       16                      24
 * +---------------+-------+-------+-------+-----------------------+-----------------------+
 * | "RZS1" ASCII  | type  | 0     | 0 0   |   link tag (8)        |   sequence (u64)      |
 * +---------------+-------+-------+-------+-----------------------+-----------------------+
 *  24
 * +--------------------------------------------------+----------------------+
 * | ciphertext (as long as the plaintext)            |  GCM tag (16)        |
 * +--------------------------------------------------+----------------------+
 * </pre>
 *
 * The nonce is 4 zero bytes then the sequence (a per-direction counter from 1, never reused under a
 * key); the header (bytes 0..23) is the associated data. Plaintexts: PUNCH and KEEPALIVE empty;
 * PUNCH_ACK the acknowledged sequence (8) and the address the PUNCH came from (family 4/6, 0, port
 * u16, address 16); DATA the application's bytes (at most {@link #MAX_PAYLOAD}).
 */
final class SecureMessage {
  static final byte TYPE_PUNCH = 1;
  static final byte TYPE_PUNCH_ACK = 2;
  static final byte TYPE_DATA = 3;
  static final byte TYPE_KEEPALIVE = 4;
  static final int HEADER_LENGTH = 24;
  static final int TAG_LENGTH = 16;
  static final int MAX_PAYLOAD = 1200;
  private static final byte[] MAGIC = {'R', 'Z', 'S', '1'};

  private final byte type;
  private final long sequence;
  private final byte[] plaintext;

  private SecureMessage(byte type, long sequence, byte[] plaintext) {
    this.type = type;
    this.sequence = sequence;
    this.plaintext = plaintext;
  }

  byte type() {
    return type;
  }

  long sequence() {
    return sequence;
  }

  byte[] plaintext() {
    return plaintext;
  }

  /** Seals a message under {@code key}. */
  static byte[] seal(byte type, long linkTag, long sequence, byte[] plaintext, byte[] key) {
    if (plaintext.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException("at most " + MAX_PAYLOAD + " bytes per message");
    }
    byte[] out = new byte[HEADER_LENGTH + plaintext.length + TAG_LENGTH];
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    out[4] = type;
    ByteBuffer buffer = ByteBuffer.wrap(out);
    buffer.putLong(8, linkTag);
    buffer.putLong(16, sequence);
    try {
      Cipher gcm = cipher(Cipher.ENCRYPT_MODE, key, sequence);
      gcm.updateAAD(out, 0, HEADER_LENGTH);
      gcm.doFinal(plaintext, 0, plaintext.length, out, HEADER_LENGTH);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM/NoPadding is required by every Java platform", e);
    }
    return out;
  }

  /** True when the datagram has the secure magic and room for a header and a tag. */
  static boolean looksSecure(byte[] datagram) {
    return datagram.length >= HEADER_LENGTH + TAG_LENGTH
        && datagram[0] == MAGIC[0]
        && datagram[1] == MAGIC[1]
        && datagram[2] == MAGIC[2]
        && datagram[3] == MAGIC[3];
  }

  static long linkTag(byte[] datagram) {
    return ByteBuffer.wrap(datagram).getLong(8);
  }

  /**
   * The opened message, or null when it does not authenticate under {@code key} or is malformed.
   */
  static SecureMessage open(byte[] datagram, byte[] key) {
    if (!looksSecure(datagram) || datagram[5] != 0 || datagram[6] != 0 || datagram[7] != 0) {
      return null;
    }
    byte type = datagram[4];
    long sequence = ByteBuffer.wrap(datagram).getLong(16);
    if (type < TYPE_PUNCH || type > TYPE_KEEPALIVE || sequence <= 0) {
      return null;
    }
    try {
      Cipher gcm = cipher(Cipher.DECRYPT_MODE, key, sequence);
      gcm.updateAAD(datagram, 0, HEADER_LENGTH);
      byte[] plaintext = gcm.doFinal(datagram, HEADER_LENGTH, datagram.length - HEADER_LENGTH);
      return new SecureMessage(type, sequence, plaintext);
    } catch (GeneralSecurityException e) {
      return null; // forged, corrupted, or sealed under another key
    }
  }

  private static Cipher cipher(int mode, byte[] key, long sequence)
      throws GeneralSecurityException {
    byte[] nonce = new byte[12];
    ByteBuffer.wrap(nonce).putLong(4, sequence);
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
    return gcm;
  }
}
