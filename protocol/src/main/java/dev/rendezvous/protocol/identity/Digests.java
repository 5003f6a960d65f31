package dev.rendezvous.protocol.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 and HMAC-SHA256 with domain separation labels; both are in every JDK. One instance of
 * each per thread: looking a provider up ({@code getInstance}) costs more than hashing a pulse.
 */
final class Digests {
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(() -> newInstance(() -> MessageDigest.getInstance("SHA-256")));
  private static final ThreadLocal<Mac> HMAC =
      ThreadLocal.withInitial(() -> newInstance(() -> Mac.getInstance("HmacSHA256")));

  private Digests() {}

  static byte[] sha256(String label, byte[] input) {
    MessageDigest digest = SHA256.get();
    digest.reset();
    digest.update(label.getBytes(StandardCharsets.US_ASCII));
    digest.update((byte) 0);
    return digest.digest(input);
  }

  static byte[] hmacSha256(byte[] key, String label) {
    Mac mac = HMAC.get();
    try {
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 takes any key of 32 bytes", e);
    }
    return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
  }

  /** A JDK algorithm every Java platform has. */
  interface Algorithm<T> {
    T get() throws GeneralSecurityException;
  }

  static <T> T newInstance(Algorithm<T> algorithm) {
    try {
      return algorithm.get();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "SHA-256 and HmacSHA256 are required by every Java platform", e);
    }
  }
}
