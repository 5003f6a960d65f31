package dev.rendezvous.protocol.v2;

import static dev.rendezvous.protocol.v2.GoldenVectorsTest.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rendezvous.protocol.MalformedPulseException;
import dev.rendezvous.protocol.call.CallId;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import dev.rendezvous.protocol.v2.PunchNowAckCodec.PunchNowAck;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** PUNCH_NOW and its acknowledgement against vectors computed independently (Python). */
class PunchNowVectorsTest {
  private static final PrivateKey KEY = PrivateKey.fromBytes(vector("private-key"));
  private static final CallId CALL = CallId.fromBytes(vector("call-id"));

  @Test
  void theCallIdReadsAsIssuedAtCallerAndTag() {
    assertThat(CALL.issuedAtMillis()).isEqualTo(1_795_694_400_000L);
    assertThat(CALL.caller()).isEqualTo(ClientId.fromBytes(range(0x10, 0x20)));
    assertThat(CALL.tag()).isEqualTo(range(0x20, 0x30));
    assertThat(CallId.parse(CALL.hex())).contains(CALL);
    assertThat(CallId.parse(CALL.hex().substring(2))).isEmpty();
  }

  @Test
  void punchNowEncodesToTheVectorAndAuthenticatesOnlyUnderItsKey() {
    byte[] golden = vector("v2-punch-now");
    assertThat(golden).hasSize(PunchNowCodec.LENGTH);
    assertThat(PunchNowCodec.encode(CALL, KEY.pulseMacKey())).isEqualTo(golden);
    assertThat(PunchNowCodec.looksLikePunchNow(golden)).isTrue();
    assertThat(PunchNowCodec.decode(golden, KEY.pulseMacKey())).isEqualTo(CALL);

    PrivateKey other = PrivateKey.fromBytes(range(0x60, 0x80));
    assertThatThrownBy(() -> PunchNowCodec.decode(golden, other.pulseMacKey()))
        .isInstanceOf(MalformedPulseException.class);
    byte[] altered = golden.clone();
    altered[10] ^= 1;
    assertThatThrownBy(() -> PunchNowCodec.decode(altered, KEY.pulseMacKey()))
        .isInstanceOf(MalformedPulseException.class);
  }

  @Test
  void theAckEncodesToTheVectorAndIsCheckedByTheHolderOfTheKey() {
    byte[] golden = vector("v2-punch-now-ack");
    assertThat(golden).hasSize(PunchNowAckCodec.LENGTH);
    assertThat(PunchNowAckCodec.encode(KEY.clientId(), CALL, KEY.pulseMacKey())).isEqualTo(golden);
    PunchNowAck ack = PunchNowAckCodec.decode(golden);
    assertThat(ack.clientId()).isEqualTo(KEY.clientId());
    assertThat(ack.call()).isEqualTo(CALL);
    assertThat(ack.authenticatedBy(KEY.pulseMacKey())).isTrue();
    byte[] forged = golden.clone();
    forged[golden.length - 1] ^= 1;
    assertThat(PunchNowAckCodec.decode(forged).authenticatedBy(KEY.pulseMacKey())).isFalse();
    assertThatThrownBy(() -> PunchNowAckCodec.decode(Arrays.copyOf(golden, 75)))
        .isInstanceOf(MalformedPulseException.class);
  }

  @Test
  void neitherMessageIsEverReadAsAV1RawKey() {
    assertThat(PunchNowCodec.LENGTH).isNotEqualTo(32);
    assertThat(PunchNowAckCodec.LENGTH).isNotEqualTo(32);
  }

  private static byte[] range(int from, int to) {
    byte[] out = new byte[to - from];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (from + i);
    }
    return out;
  }
}
