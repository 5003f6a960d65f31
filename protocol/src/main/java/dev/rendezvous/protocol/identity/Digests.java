package dev.rendezvous.protocol.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SHA-256 and HMAC-SHA256 with domain separation labels; both are in every JDK. */
final class Digests {
  private Digests() {}

  static byte[] sha256(String label, byte[] input) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(label.getBytes(StandardCharsets.US_ASCII));
      digest.update((byte) 0);
      return digest.digest(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  static byte[] hmacSha256(byte[] key, String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }
}
