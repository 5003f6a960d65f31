package dev.rendezvous.internalapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.directory.InternalSecret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestSigningTest {
  // Golden vectors computed independently with python3's hmac and hashlib:
  //   hmac.new(bytes(range(32)), canonical, hashlib.sha256).hexdigest()
  private static final InternalSecret SECRET = new InternalSecret(zeroToThirtyOne());
  private static final String LOOK_UP = "/internal/v1/clients/00112233445566778899aabbccddeeff";
  private static final String REVOKE = LOOK_UP + "/revoke";
  private static final byte[] REVOKE_BODY = utf8("{\"family\":\"ipv6\",\"epoch\":7}");
  private static final long AT_MILLIS = 1_767_225_600_000L;

  private final RequestSigning signing = new RequestSigning(SECRET);

  @Test
  void signaturesMatchTheGoldenVectors() {
    assertThat(signing.sign("GET", LOOK_UP, AT_MILLIS, new byte[0]))
        .isEqualTo("43a024877913a63782293a1d85116816ccb5b0e9d7590490fde466bb1cf39f58");
    assertThat(signing.sign("POST", REVOKE, AT_MILLIS + 123, REVOKE_BODY))
        .isEqualTo("2dcb611907bbc5b4675083ac624c8ddf6c5305cacea41cad6db0a767a6cf8142");
  }

  @Test
  void theCanonicalTextIsMethodPathTimestampAndTheBodysHash() {
    assertThat(RequestSigning.canonical("GET", LOOK_UP, "1767225600000", new byte[0]))
        .isEqualTo(
            "GET\n"
                + LOOK_UP
                + "\n1767225600000\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void acceptsItsOwnSignatureWithinThirtySecondsEitherWay() {
    String signature = signing.sign("POST", REVOKE, AT_MILLIS, REVOKE_BODY);
    String timestamp = Long.toString(AT_MILLIS);
    for (long offsetMillis : new long[] {-30_000, -1, 0, 1, 30_000}) {
      Instant now = Instant.ofEpochMilli(AT_MILLIS + offsetMillis);
      assertThat(signing.accepts("POST", REVOKE, timestamp, signature, REVOKE_BODY, now))
          .as("checked %d ms from the timestamp", offsetMillis)
          .isTrue();
    }
    assertThat(
            signing.accepts(
                "POST", REVOKE, timestamp, signature.toUpperCase(), REVOKE_BODY, now(0)))
        .isTrue();
  }

  @Test
  void refusesOldOrFutureRequests() {
    String signature = signing.sign("GET", LOOK_UP, AT_MILLIS, new byte[0]);
    String timestamp = Long.toString(AT_MILLIS);
    assertThat(signing.accepts("GET", LOOK_UP, timestamp, signature, new byte[0], now(30_001)))
        .isFalse();
    assertThat(signing.accepts("GET", LOOK_UP, timestamp, signature, new byte[0], now(-30_001)))
        .isFalse();
  }

  @Test
  void refusesAnyChangeToWhatWasSigned() {
    String signature = signing.sign("POST", REVOKE, AT_MILLIS, REVOKE_BODY);
    String timestamp = Long.toString(AT_MILLIS);
    byte[] otherBody = utf8("{\"family\":\"ipv6\",\"epoch\":8}");
    assertThat(signing.accepts("GET", REVOKE, timestamp, signature, REVOKE_BODY, now(0))).isFalse();
    assertThat(signing.accepts("POST", LOOK_UP, timestamp, signature, REVOKE_BODY, now(0)))
        .isFalse();
    assertThat(signing.accepts("POST", REVOKE, timestamp, signature, otherBody, now(0))).isFalse();
    assertThat(
            signing.accepts(
                "POST", REVOKE, Long.toString(AT_MILLIS + 1), signature, REVOKE_BODY, now(0)))
        .isFalse();
    byte[] otherSecret = zeroToThirtyOne();
    otherSecret[31] ^= 1;
    assertThat(
            new RequestSigning(new InternalSecret(otherSecret))
                .accepts("POST", REVOKE, timestamp, signature, REVOKE_BODY, now(0)))
        .isFalse();
  }

  @Test
  void refusesMissingOrMalformedHeaders() {
    String signature = signing.sign("GET", LOOK_UP, AT_MILLIS, new byte[0]);
    String timestamp = Long.toString(AT_MILLIS);
    byte[] none = new byte[0];
    assertThat(signing.accepts("GET", LOOK_UP, null, signature, none, now(0))).isFalse();
    assertThat(signing.accepts("GET", LOOK_UP, timestamp, null, none, now(0))).isFalse();
    assertThat(signing.accepts("GET", LOOK_UP, "+" + timestamp, signature, none, now(0))).isFalse();
    assertThat(signing.accepts("GET", LOOK_UP, " " + timestamp, signature, none, now(0))).isFalse();
    assertThat(signing.accepts("GET", LOOK_UP, "9999999999999999", signature, none, now(0)))
        .isFalse();
    assertThat(signing.accepts("GET", LOOK_UP, timestamp, signature.substring(2), none, now(0)))
        .isFalse();
    assertThat(signing.accepts("GET", LOOK_UP, timestamp, signature + "00", none, now(0)))
        .isFalse();
    assertThat(
            signing.accepts("GET", LOOK_UP, timestamp, "zz" + signature.substring(2), none, now(0)))
        .isFalse();
  }

  private static Instant now(long offsetMillis) {
    return Instant.ofEpochMilli(AT_MILLIS + offsetMillis);
  }

  private static byte[] zeroToThirtyOne() {
    byte[] bytes = new byte[32];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
