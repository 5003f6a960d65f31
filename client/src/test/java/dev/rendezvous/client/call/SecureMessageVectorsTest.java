package dev.rendezvous.client.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Link keys and sealed messages against vectors computed independently, with Python's {@code
 * hmac}/{@code hashlib} and the {@code cryptography} package's AESGCM (see the README in {@code
 * src/test/resources/vectors/}).
 */
class SecureMessageVectorsTest {
  private static final byte[] PAIR_KEY = vector("pair-key");
  private static final LinkKeys CALLER = LinkKeys.derive(PAIR_KEY, true);
  private static final LinkKeys CALLEE = LinkKeys.derive(PAIR_KEY, false);

  @Test
  void linkKeysAndTagMatch() {
    assertThat(CALLER.sendKey()).isEqualTo(vector("link-key-caller"));
    assertThat(CALLER.receiveKey()).isEqualTo(vector("link-key-callee"));
    assertThat(CALLEE.sendKey()).isEqualTo(vector("link-key-callee"));
    assertThat(CALLEE.receiveKey()).isEqualTo(vector("link-key-caller"));
    assertThat(CALLER.tag()).isEqualTo(CALLEE.tag());
    assertThat(ByteBuffer.allocate(8).putLong(CALLER.tag()).array()).isEqualTo(vector("link-tag"));
  }

  @Test
  void dataSealsToTheVectorAndOpensOnlyForThePeer() {
    byte[] golden = vector("secure-data-from-caller");
    byte[] text = "hello, callee".getBytes(StandardCharsets.US_ASCII);
    assertThat(SecureMessage.seal(SecureMessage.TYPE_DATA, CALLER.tag(), 1, text, CALLER.sendKey()))
        .isEqualTo(golden);
    SecureMessage opened = SecureMessage.open(golden, CALLEE.receiveKey());
    assertThat(opened).isNotNull();
    assertThat(opened.type()).isEqualTo(SecureMessage.TYPE_DATA);
    assertThat(opened.sequence()).isEqualTo(1);
    assertThat(opened.plaintext()).isEqualTo(text);
    assertThat(SecureMessage.open(golden, CALLER.receiveKey()))
        .as("reflected back at its sender")
        .isNull();
  }

  @Test
  void punchAndAckSealToTheVectors() {
    assertThat(
            SecureMessage.seal(
                SecureMessage.TYPE_PUNCH, CALLEE.tag(), 7, new byte[0], CALLEE.sendKey()))
        .isEqualTo(vector("secure-punch-from-callee"));
    SecureMessage opened =
        SecureMessage.open(vector("secure-punch-ack-from-callee"), CALLER.receiveKey());
    assertThat(opened).isNotNull();
    assertThat(opened.type()).isEqualTo(SecureMessage.TYPE_PUNCH_ACK);
    assertThat(opened.plaintext()).hasSize(28);
    assertThat(ByteBuffer.wrap(opened.plaintext()).getLong()).isEqualTo(5);
  }

  @Test
  void anyAlteredByteMakesTheMessageFailToOpen() {
    byte[] golden = vector("secure-data-from-caller");
    for (int i = 0; i < golden.length; i++) {
      byte[] altered = golden.clone();
      altered[i] ^= 0x01;
      assertThat(SecureMessage.open(altered, CALLEE.receiveKey())).as("byte " + i).isNull();
    }
  }

  static byte[] vector(String name) {
    try (InputStream in =
        SecureMessageVectorsTest.class.getResourceAsStream("/vectors/" + name + ".hex")) {
      if (in == null) {
        throw new IllegalStateException("missing vector " + name);
      }
      return HexFormat.of()
          .parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
