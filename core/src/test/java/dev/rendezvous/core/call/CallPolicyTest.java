package dev.rendezvous.core.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.protocol.identity.ClientId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallPolicyTest {
  private static final ClientId ALICE = ClientId.fromBytes(filled(0x11));

  @Test
  void storedBytesAreFixedPerMode() {
    assertThat(CallPolicy.EVERYONE.encode()).containsExactly(0);
    assertThat(new CallPolicy(CallPolicy.Mode.NOBODY, List.of()).encode()).containsExactly(1);
    byte[] listed = new CallPolicy(CallPolicy.Mode.LISTED, List.of(ALICE)).encode();
    assertThat(listed).hasSize(1 + ClientId.LENGTH_BYTES);
    assertThat(listed[0]).isEqualTo((byte) 2);
    assertThat(Arrays.copyOfRange(listed, 1, listed.length)).isEqualTo(filled(0x11));
  }

  @Test
  void whatItStoresReadsBack() {
    for (CallPolicy policy :
        List.of(
            CallPolicy.EVERYONE,
            new CallPolicy(CallPolicy.Mode.NOBODY, List.of()),
            new CallPolicy(CallPolicy.Mode.LISTED, List.of(ALICE)))) {
      assertThat(CallPolicy.decode(policy.encode())).contains(policy);
    }
  }

  @Test
  void bytesItNeverWroteAreNoPolicy() {
    assertThat(CallPolicy.decode(new byte[0])).isEmpty();
    assertThat(CallPolicy.decode(new byte[] {3})).isEmpty();
    assertThat(CallPolicy.decode(new byte[] {-1})).isEmpty();
    assertThat(CallPolicy.decode(new byte[] {2, 1, 2})).isEmpty();
    byte[] nobodyWithCaller = new CallPolicy(CallPolicy.Mode.LISTED, List.of(ALICE)).encode();
    nobodyWithCaller[0] = 1;
    assertThat(CallPolicy.decode(nobodyWithCaller)).isEmpty();
  }

  @Test
  void aPairKeyNeverPrintsItsBytesAndKeepsItsOwnCopy() {
    byte[] raw = filled(0x42, PairKey.LENGTH_BYTES);
    PairKey key = PairKey.of(raw);
    raw[0] = 0;
    assertThat(key.bytes()).isEqualTo(filled(0x42, PairKey.LENGTH_BYTES));
    assertThat(key.toString()).doesNotContain("42").contains("redacted");
    assertThat(key).isEqualTo(PairKey.of(filled(0x42, PairKey.LENGTH_BYTES)));
  }

  private static byte[] filled(int value) {
    return filled(value, ClientId.LENGTH_BYTES);
  }

  private static byte[] filled(int value, int length) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) value);
    return b;
  }
}
