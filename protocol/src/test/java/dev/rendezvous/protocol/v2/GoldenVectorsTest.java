package dev.rendezvous.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.PrivateKey;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
import dev.rendezvous.protocol.v1.PulseV1Request;
import dev.rendezvous.protocol.v1.PulseV1RequestCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The codecs against the golden vectors in {@code src/test/resources/vectors/}, which were computed
 * independently (Python, from docs/protocol.md; see the README there).
 */
class GoldenVectorsTest {
  private static final long COUNTER = 1_795_694_400_000L;
  private static final PrivateKey KEY = PrivateKey.fromBytes(vector("private-key"));

  static byte[] vector(String name) {
    try (InputStream in =
        GoldenVectorsTest.class.getResourceAsStream("/vectors/" + name + ".hex")) {
      if (in == null) {
        throw new IllegalStateException("missing vector " + name);
      }
      return HexFormat.of()
          .parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void keyDerivationsMatch() {
    assertThat(KEY.clientId().toBytes()).isEqualTo(vector("client-id"));
    assertThat(KEY.pulseMacKey().toBytes()).isEqualTo(vector("pulse-mac-key"));
  }

  @Test
  void v2PulseEncodesToTheVectorAndDecodesBack() {
    byte[] golden = vector("v2-pulse");

    assertThat(PulseV2RequestCodec.encode(KEY.clientId(), COUNTER, KEY.pulseMacKey()))
        .isEqualTo(golden);
    PulseV2Request decoded = PulseV2RequestCodec.decode(golden);
    assertThat(decoded.clientId()).isEqualTo(KEY.clientId());
    assertThat(decoded.counter()).isEqualTo(COUNTER);
    assertThat(decoded.isAuthenticBy(KEY.pulseMacKey())).isTrue();
  }

  @Test
  void v2RepliesEncodeToTheVectorsAndDecodeBack() throws Exception {
    PulseV2Reply ipv4 =
        new PulseV2Reply(
            ResponseCode.ACCEPTED, COUNTER, InetAddress.getByName("203.0.113.7"), 40001);
    PulseV2Reply ipv6 =
        new PulseV2Reply(
            ResponseCode.UNKNOWN, COUNTER, InetAddress.getByName("2001:db8::7"), 40002);

    assertThat(PulseV2ReplyCodec.encode(ipv4, KEY.pulseMacKey()))
        .isEqualTo(vector("v2-reply-1020-ipv4"));
    assertThat(PulseV2ReplyCodec.encode(ipv6, KEY.pulseMacKey()))
        .isEqualTo(vector("v2-reply-1060-ipv6"));
    assertThat(PulseV2ReplyCodec.decode(vector("v2-reply-1020-ipv4"), KEY.pulseMacKey()))
        .isEqualTo(ipv4);
    assertThat(PulseV2ReplyCodec.decode(vector("v2-reply-1060-ipv6"), KEY.pulseMacKey()))
        .isEqualTo(ipv6);
  }

  @Test
  void challengeAndItsAnswerMatchTheVectors() {
    ChallengeNonce nonce =
        ChallengeNonce.of(java.util.Arrays.copyOfRange(vector("v2-pulse-ipv6-nonce"), 28, 44));
    PulseV2Challenge challenge = new PulseV2Challenge(COUNTER, nonce, true);

    assertThat(PulseV2ChallengeCodec.encode(challenge, KEY.pulseMacKey()))
        .isEqualTo(vector("v2-challenge-ipv6"));
    assertThat(PulseV2ChallengeCodec.decode(vector("v2-challenge-ipv6"), KEY.pulseMacKey()))
        .isEqualTo(challenge);
    assertThat(
            PulseV2RequestCodec.encode(
                KEY.clientId(), COUNTER + 1, KEY.pulseMacKey(), true, challenge.nonce()))
        .isEqualTo(vector("v2-pulse-ipv6-nonce"));
    PulseV2Request answer = PulseV2RequestCodec.decode(vector("v2-pulse-ipv6-nonce"));
    assertThat(answer.claimsIpv6()).isTrue();
    assertThat(answer.nonce()).isEqualTo(nonce);
    assertThat(answer.isAuthenticBy(KEY.pulseMacKey())).isTrue();
    assertThat(PulseV2RequestCodec.decode(vector("v2-pulse")).nonce().isPresent()).isFalse();
  }

  @Test
  void v1VectorsMatch() {
    PulseV1Request raw = PulseV1RequestCodec.decode(vector("v1-request-raw"));
    PulseV1Request hex = PulseV1RequestCodec.decode(vector("v1-request-hex"));

    assertThat(raw.key()).isEqualTo(KEY);
    assertThat(raw.form()).isEqualTo(PulseV1Request.Form.RAW);
    assertThat(hex.key()).isEqualTo(KEY);
    assertThat(hex.form()).isEqualTo(PulseV1Request.Form.HEX);
    assertThat(PulseV1RequestCodec.encode(KEY, PulseV1Request.Form.RAW))
        .isEqualTo(vector("v1-request-raw"));
    assertThat(PulseV1RequestCodec.encode(KEY, PulseV1Request.Form.HEX))
        .isEqualTo(vector("v1-request-hex"));
    assertThat(PulseV1ReplyCodec.encode(ResponseCode.ACCEPTED)).isEqualTo(vector("v1-reply-1020"));
    assertThat(PulseV1ReplyCodec.encode(ResponseCode.PENDING)).isEqualTo(vector("v1-reply-1050"));
    assertThat(PulseV1ReplyCodec.encode(ResponseCode.UNKNOWN)).isEqualTo(vector("v1-reply-1060"));
  }
}
