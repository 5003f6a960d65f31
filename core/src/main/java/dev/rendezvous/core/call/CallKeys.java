package dev.rendezvous.core.call;

import dev.rendezvous.core.directory.InternalSecret;
import dev.rendezvous.protocol.call.CallId;
import dev.rendezvous.protocol.identity.ClientId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Everything secret about a call, derived and never stored (docs/protocol.md, "Calls"): the call
 * secret {@code S = HMAC-SHA256(service secret, "rendezvous/call-secret/v1")}, a call id's tag
 * {@code HMAC-SHA256(S, "rendezvous/call-tag/v1" || issued at || caller || callee)[0..16]}, and the
 * pair key {@code HMAC-SHA256(S, "rendezvous/pair-key/v1" || call id || callee)}. Any process that
 * holds the service secret recognises its own call ids and recomputes their pair keys, so the
 * service keeps no state per call.
 */
public final class CallKeys {
  private static final byte[] SECRET_LABEL = ascii("rendezvous/call-secret/v1");
  private static final byte[] TAG_LABEL = ascii("rendezvous/call-tag/v1");
  private static final byte[] PAIR_LABEL = ascii("rendezvous/pair-key/v1");
  public static final int PAIR_KEY_LENGTH = 32;

  private final byte[] callSecret;

  private CallKeys(byte[] callSecret) {
    this.callSecret = callSecret;
  }

  public static CallKeys from(InternalSecret secret) {
    return new CallKeys(hmac(secret.toBytes(), SECRET_LABEL));
  }

  /** A new call id from {@code caller} to {@code callee}, issued at {@code issuedAtMillis}. */
  public CallId issue(long issuedAtMillis, ClientId caller, ClientId callee) {
    CallId unsigned = CallId.of(issuedAtMillis, caller, new byte[CallId.TAG_LENGTH]);
    return CallId.of(issuedAtMillis, caller, tag(unsigned, callee));
  }

  /** True when this service issued {@code call} for {@code callee} (constant-time). */
  public boolean issuedFor(CallId call, ClientId callee) {
    return MessageDigest.isEqual(tag(call, callee), call.tag());
  }

  /** The call's pair key (32 bytes): what the two peers derive their link keys from. */
  public PairKey pairKey(CallId call, ClientId callee) {
    return PairKey.of(hmac(callSecret, PAIR_LABEL, call.toBytes(), callee.toBytes()));
  }

  private byte[] tag(CallId call, ClientId callee) {
    return Arrays.copyOf(
        hmac(callSecret, TAG_LABEL, call.signedPart(), callee.toBytes()), CallId.TAG_LENGTH);
  }

  private static byte[] hmac(byte[] key, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    return "CallKeys[redacted]";
  }
}
