package dev.rendezvous.client.call;

import java.nio.charset.Charset;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of one call's link, derived from its pair key K (docs/protocol.md, "Secure peer
 * messages"): one AES-256-GCM key per direction, {@code HMAC-SHA256(K,
 * "rendezvous/link-key/v1/caller")} for what the caller sends and {@code .../callee} for what the
 * callee sends, and the 8-byte link tag {@code HMAC-SHA256(K, "rendezvous/link-tag/v1")[0..8]} that
 * names the link in every message. Each side seals with its own direction's key and opens with the
 * other's, so a message reflected back at its sender never opens.
 */
final class LinkKeys {
  static final int PAIR_KEY_LENGTH = 32;

  private final byte[] sendKey;
  private final byte[] receiveKey;
  private final long tag;

  private LinkKeys(byte[] sendKey, byte[] receiveKey, long tag) {
    this.sendKey = sendKey;
    this.receiveKey = receiveKey;
    this.tag = tag;
  }

  /** The keys as the caller ({@code caller = true}) or the callee uses them. */
  static LinkKeys derive(byte[] pairKey, boolean caller) {
    if (pairKey.length != PAIR_KEY_LENGTH) {
      throw new IllegalArgumentException("a pair key is " + PAIR_KEY_LENGTH + " bytes");
    }
    byte[] callerKey = hmac(pairKey, "rendezvous/link-key/v1/caller");
    byte[] calleeKey = hmac(pairKey, "rendezvous/link-key/v1/callee");
    byte[] tagBytes = hmac(pairKey, "rendezvous/link-tag/v1");
    long tag = 0;
    for (int i = 0; i < 8; i++) {
      tag = (tag << 8) | (tagBytes[i] & 0xff);
    }
    return caller
        ? new LinkKeys(callerKey, calleeKey, tag)
        : new LinkKeys(calleeKey, callerKey, tag);
  }

  byte[] sendKey() {
    return sendKey;
  }

  byte[] receiveKey() {
    return receiveKey;
  }

  long tag() {
    return tag;
  }

  private static byte[] hmac(byte[] key, String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(label.getBytes(Charset.forName("US-ASCII")));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return "LinkKeys[redacted]";
  }
}
