package dev.rendezvous.edge.live;

import dev.rendezvous.protocol.v2.ChallengeNonce;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless challenge nonces (docs/protocol.md, "Fresh proof"): {@code HMAC-SHA256(task secret,
 * client_id || family || address || port || time slot)[0..16]}. The task keeps nothing per
 * challenge; a nonce is accepted during its 30 s slot and the next one, from the address and port
 * it was sent to, at the task that minted it. One per shard (a {@link Mac} is not thread-safe).
 */
public final class ChallengeNonces {
  public static final long SLOT_MILLIS = 30_000;
  private final Mac mac;
  private final byte[] input = new byte[16 + 1 + 16 + 2 + 8];

  /** With a fresh random task secret. */
  public ChallengeNonces(SecureRandom random) {
    this(randomSecret(random));
  }

  /** With the given 32-byte task secret (all shards of a task share it). */
  public ChallengeNonces(byte[] taskSecret) {
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(taskSecret, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }

  public static byte[] randomSecret(SecureRandom random) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    return secret;
  }

  /** The nonce for a pulse of (client, family) from (address, port) received at {@code now}. */
  public ChallengeNonce mint(
      long idHi, long idLo, boolean v6, long addrHi, long addrLo, int port, long nowMillis) {
    return ChallengeNonce.of(
        compute(idHi, idLo, v6, addrHi, addrLo, port, Math.floorDiv(nowMillis, SLOT_MILLIS)));
  }

  /**
   * True when the nonce was minted for exactly this client, family and source, now or a slot ago.
   */
  public boolean verify(
      ChallengeNonce nonce,
      long idHi,
      long idLo,
      boolean v6,
      long addrHi,
      long addrLo,
      int port,
      long nowMillis) {
    long slot = Math.floorDiv(nowMillis, SLOT_MILLIS);
    return nonce.matches(compute(idHi, idLo, v6, addrHi, addrLo, port, slot))
        || nonce.matches(compute(idHi, idLo, v6, addrHi, addrLo, port, slot - 1));
  }

  private byte[] compute(
      long idHi, long idLo, boolean v6, long addrHi, long addrLo, int port, long slot) {
    putLong(idHi, 0);
    putLong(idLo, 8);
    input[16] = (byte) (v6 ? 6 : 4);
    putLong(addrHi, 17);
    putLong(addrLo, 25);
    input[33] = (byte) (port >>> 8);
    input[34] = (byte) port;
    putLong(slot, 35);
    return Arrays.copyOf(mac.doFinal(input), ChallengeNonce.LENGTH_BYTES);
  }

  private void putLong(long v, int offset) {
    for (int i = 0; i < 8; i++) {
      input[offset + i] = (byte) (v >>> (56 - 8 * i));
    }
  }
}
