package dev.rendezvous.protocol.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rendezvous.protocol.MalformedPulseException;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.Hex;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PulseV1CodecTest {

  static Stream<Arguments> requestVectors() throws IOException {
    return lines("/vectors/v1.txt").stream()
        .map(l -> l.split(" "))
        .map(f -> Arguments.of(f[0], f[1].equals("-") ? "" : f[1], f[2]));
  }

  static Stream<Arguments> replyVectors() throws IOException {
    return lines("/vectors/v1-replies.txt").stream()
        .map(l -> l.split(" "))
        .map(f -> Arguments.of(Integer.parseInt(f[0]), f[1]));
  }

  private static List<String> lines(String resource) throws IOException {
    try (InputStream in = PulseV1CodecTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requestVectors")
  void goldenRequests(String name, String datagramHex, String expected) {
    byte[] datagram = HexFormat.of().parseHex(datagramHex);
    if (expected.startsWith("key=")) {
      assertThat(PulseV1RequestCodec.decode(datagram).key().revealHex())
          .isEqualTo(expected.substring(4));
    } else {
      MalformedPulseException e =
          catchThrowableOfType(
              MalformedPulseException.class, () -> PulseV1RequestCodec.decode(datagram));
      assertThat(e).as(name).isNotNull();
      assertThat(e.offset()).isEqualTo(Integer.parseInt(expected.substring("malformed@".length())));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("replyVectors")
  void goldenReplies(int code, String replyHex) {
    ResponseCode rc = ResponseCode.fromCode(code).orElseThrow();
    assertThat(Hex.encode(PulseV1ReplyCodec.encode(rc))).isEqualTo(replyHex);
    assertThat(PulseV1ReplyCodec.decode(HexFormat.of().parseHex(replyHex))).isEqualTo(rc);
  }

  @Property
  void anyThirtyTwoBytesAreARawKey(@ForAll @Size(32) byte[] datagram) {
    PulseV1Request r = PulseV1RequestCodec.decode(datagram);
    assertThat(r.form()).isEqualTo(PulseV1Request.Form.RAW);
    assertThat(r.key().toBytes()).isEqualTo(datagram);
  }

  @Property
  void theHexFormDecodesToTheSameKey(@ForAll @Size(32) byte[] key) {
    byte[] datagram = Hex.encode(key).getBytes(StandardCharsets.US_ASCII);
    PulseV1Request r = PulseV1RequestCodec.decode(datagram);
    assertThat(r.form()).isEqualTo(PulseV1Request.Form.HEX);
    assertThat(r.key().toBytes()).isEqualTo(key);
  }

  @Property
  void bothFormsRoundTrip(@ForAll @Size(32) byte[] key, @ForAll PulseV1Request.Form form) {
    byte[] datagram = PulseV1RequestCodec.encode(PrivateKey.fromBytes(key), form);
    PulseV1Request r = PulseV1RequestCodec.decode(datagram);
    assertThat(r.form()).isEqualTo(form);
    assertThat(r.key().toBytes()).isEqualTo(key);
  }

  @Property
  void noInputMakesItThrowAnythingButMalformed(@ForAll("datagrams") byte[] datagram) {
    try {
      PulseV1Request r = PulseV1RequestCodec.decode(datagram);
      assertThat(datagram.length).isIn(32, 64);
      assertThat(r.key()).isNotNull();
    } catch (MalformedPulseException e) {
      assertThat(e.offset()).isBetween(0, 64);
      assertThat(PulseV1RequestCodec.hasV1Length(datagram.length) && datagram.length == 32)
          .isFalse();
    }
  }

  @Provide
  Arbitrary<byte[]> datagrams() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(1500),
        Arbitraries.bytes().array(byte[].class).ofSize(64),
        Arbitraries.strings()
            .withChars("0123456789abcdefABCDEFg ")
            .ofLength(64)
            .map(s -> s.getBytes(StandardCharsets.US_ASCII)));
  }

  @Property
  void repliesAreNeverLargerThanTheSmallestRequest(@ForAll ResponseCode code) {
    assertThat(PulseV1ReplyCodec.encode(code))
        .hasSizeLessThanOrEqualTo(PulseV1RequestCodec.RAW_LENGTH);
  }

  @org.junit.jupiter.api.Test
  void unknownReplyCodesAreRejected() {
    assertThatThrownBy(() -> PulseV1ReplyCodec.decode(new byte[] {0, 0, 0, 1}))
        .isInstanceOf(MalformedPulseException.class);
  }
}
