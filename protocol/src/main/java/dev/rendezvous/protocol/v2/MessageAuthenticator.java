package dev.rendezvous.protocol.v2;

import dev.rendezvous.protocol.identity.PulseMacKey;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 truncated to 16 bytes, computed and checked in constant time. One {@link Mac} per
 * thread: looking the provider up on every pulse costs more than the MAC itself.
 */
public final class MessageAuthenticator {
  public static final int MAC_LENGTH = 16;

  private static final ThreadLocal<Mac> HMAC =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance("HmacSHA256");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
            }
          });

  private MessageAuthenticator() {}

  /** The MAC of {@code message[0..length)}. */
  public static byte[] mac(PulseMacKey key, byte[] message, int length) {
    Mac hmac = HMAC.get();
    try {
      hmac.init(new SecretKeySpec(key.toBytes(), "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 takes any key of 32 bytes", e);
    }
    hmac.update(message, 0, length);
    return Arrays.copyOf(hmac.doFinal(), MAC_LENGTH);
  }

  /** True when the last 16 bytes of {@code message} are the MAC of the bytes before them. */
  public static boolean verify(PulseMacKey key, byte[] message) {
    int signed = message.length - MAC_LENGTH;
    byte[] expected = mac(key, message, signed);
    byte[] actual = Arrays.copyOfRange(message, signed, message.length);
    return MessageDigest.isEqual(expected, actual);
  }
}
