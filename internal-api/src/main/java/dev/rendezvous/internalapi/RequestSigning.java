package dev.rendezvous.internalapi;

import dev.rendezvous.core.directory.InternalSecret;
import dev.rendezvous.protocol.identity.Hex;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks internal API requests. The signature is {@code hex(HMAC-SHA256(secret, METHOD \n
 * PATH \n TIMESTAMP \n hex(SHA-256(body))))}, where TIMESTAMP is the request's Unix time in
 * milliseconds as sent in {@value #TIMESTAMP_HEADER}. A request is accepted when its timestamp is
 * within {@link #MAX_CLOCK_DISTANCE} of the checker's clock and its signature matches, compared in
 * constant time. Thread-safe.
 */
public final class RequestSigning {
  public static final String TIMESTAMP_HEADER = "X-Rendezvous-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Rendezvous-Signature";

  /** How far a request's timestamp may be from the checker's clock, either way. */
  public static final Duration MAX_CLOCK_DISTANCE = Duration.ofSeconds(30);

  private static final String HMAC = "HmacSHA256";
  private static final int SIGNATURE_BYTES = 32;
  private static final int MAX_TIMESTAMP_DIGITS = 15;

  private final SecretKeySpec key;

  public RequestSigning(InternalSecret secret) {
    this.key = new SecretKeySpec(secret.toBytes(), HMAC);
  }

  /** The value of {@value #SIGNATURE_HEADER} for a request. */
  public String sign(String method, String path, long timestampMillis, byte[] body) {
    return Hex.encode(mac(method, path, Long.toString(timestampMillis), body));
  }

  /**
   * Whether a request is authentic and fresh. Missing or malformed headers are simply not accepted;
   * the caller answers 401 without saying why.
   */
  public boolean accepts(
      String method,
      String path,
      String timestampHeader,
      String signatureHeader,
      byte[] body,
      Instant now) {
    Optional<Long> timestamp = parseTimestamp(timestampHeader);
    Optional<byte[]> signature = Hex.decode(signatureHeader, SIGNATURE_BYTES);
    if (timestamp.isEmpty() || signature.isEmpty()) {
      return false;
    }
    long distanceMillis = Math.abs(now.toEpochMilli() - timestamp.get());
    boolean fresh = distanceMillis <= MAX_CLOCK_DISTANCE.toMillis();
    boolean matches =
        MessageDigest.isEqual(mac(method, path, timestampHeader, body), signature.get());
    return fresh && matches;
  }

  /** The bytes the MAC covers, for tests and documentation. */
  static String canonical(String method, String path, String timestamp, byte[] body) {
    return method + "\n" + path + "\n" + timestamp + "\n" + Hex.encode(sha256(body));
  }

  private byte[] mac(String method, String path, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac.doFinal(canonical(method, path, timestamp, body).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  private static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Only plain decimal digits: no sign, no spaces, no leading '+', at most 15 digits. */
  private static Optional<Long> parseTimestamp(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_TIMESTAMP_DIGITS) {
      return Optional.empty();
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return Optional.empty();
      }
    }
    return Optional.of(Long.parseLong(text));
  }
}
