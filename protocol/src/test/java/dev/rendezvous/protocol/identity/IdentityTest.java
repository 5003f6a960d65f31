package dev.rendezvous.protocol.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class IdentityTest {
  /** Golden vector: the all-zero key. Computed independently with Python's hashlib/hmac. */
  private static final String ZERO_KEY_HEX = "00".repeat(32);

  @Test
  void derivationsOfTheZeroKeyMatchTheGoldenVector() {
    PrivateKey key = PrivateKey.parse(ZERO_KEY_HEX);
    assertThat(key.clientId().hex()).isEqualTo(GoldenIdentity.ZERO_KEY_CLIENT_ID);
    assertThat(Hex.encode(key.verifier().toBytes())).isEqualTo(GoldenIdentity.ZERO_KEY_VERIFIER);
    assertThat(Hex.encode(key.pulseMacKey().toBytes())).isEqualTo(GoldenIdentity.ZERO_KEY_MAC_KEY);
  }

  @Test
  void issuedCredentialsAreRandomAndSelfConsistent() {
    CredentialFactory factory = new CredentialFactory();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      ClientCredentials c = factory.issue();
      assertThat(c.clientId()).isEqualTo(c.privateKey().clientId());
      assertThat(c.privateKey().revealHex()).hasSize(64).matches("[0-9a-f]{64}");
      ids.add(c.clientId().hex());
    }
    assertThat(ids).hasSize(1000);
  }

  @Test
  void verifierMatchesOnlyItsOwnKey() {
    CredentialFactory factory = new CredentialFactory();
    PrivateKey a = factory.issue().privateKey();
    PrivateKey b = factory.issue().privateKey();
    assertThat(a.verifier().matches(a)).isTrue();
    assertThat(a.verifier().matches(b)).isFalse();
    assertThat(KeyVerifier.fromStoredBytes(a.verifier().toBytes()).matches(a)).isTrue();
  }

  @Test
  void keysAndVerifiersNeverPrintTheirSecret() {
    PrivateKey key = new CredentialFactory().issue().privateKey();
    assertThat(key.toString()).doesNotContain(key.revealHex()).contains("redacted");
    assertThat(key.verifier().toString()).contains("redacted");
    assertThat(key.pulseMacKey().toString()).contains("redacted");
    assertThat(ClientCredentials.of(key).toString()).doesNotContain(key.revealHex());
  }

  @Test
  void clientIdParsingIsStrict() {
    assertThat(ClientId.parse("ABCDEF0123456789abcdef0123456789").hex())
        .isEqualTo("abcdef0123456789abcdef0123456789");
    for (String bad :
        new String[] {
          "",
          "abc",
          "abcdef0123456789abcdef012345678",
          "abcdef0123456789abcdef01234567890",
          "zbcdef0123456789abcdef0123456789",
          "abcdef0123456789abcdef012345678\u0661"
        }) {
      assertThatThrownBy(() -> ClientId.parse(bad))
          .isInstanceOf(MalformedCredentialException.class);
    }
  }

  @Property
  void hexRoundTrips(@ForAll @Size(32) byte[] bytes) {
    assertThat(Hex.decode(Hex.encode(bytes), 32))
        .hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
    assertThat(PrivateKey.parse(Hex.encode(bytes)).toBytes()).isEqualTo(bytes);
  }

  @Property
  void hexDecodeNeverThrows(@ForAll String text) {
    assertThat(Hex.decode(text, 16)).isNotNull();
    assertThat(PrivateKey.tryParse(text)).isNotNull();
  }
}
