package dev.rendezvous.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rendezvous.protocol.MalformedPulseException;
import dev.rendezvous.protocol.identity.PrivateKey;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of the fresh-proof messages: the CHALLENGE and the PULSE that answers it (nonce and
 * family flag).
 */
class PulseV2ChallengePropertiesTest {

  @Provide
  Arbitrary<PrivateKey> keys() {
    return Arbitraries.bytes().array(byte[].class).ofSize(32).map(PrivateKey::fromBytes);
  }

  @Provide
  Arbitrary<ChallengeNonce> nonces() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofSize(ChallengeNonce.LENGTH_BYTES)
        .map(ChallengeNonce::of)
        .filter(ChallengeNonce::isPresent);
  }

  @Property
  void challengeRoundTripsAndIsSmallerThanThePulse(
      @ForAll("keys") PrivateKey key,
      @ForAll long counter,
      @ForAll("nonces") ChallengeNonce nonce,
      @ForAll boolean ipv6) {
    PulseV2Challenge challenge = new PulseV2Challenge(counter, nonce, ipv6);

    byte[] wire = PulseV2ChallengeCodec.encode(challenge, key.pulseMacKey());

    assertThat(wire).hasSize(PulseV2ChallengeCodec.LENGTH);
    assertThat(wire.length).isLessThan(PulseV2RequestCodec.LENGTH);
    assertThat(PulseV2ChallengeCodec.looksLikeChallenge(wire)).isTrue();
    assertThat(PulseV2ChallengeCodec.decode(wire, key.pulseMacKey())).isEqualTo(challenge);
  }

  @Property
  void anyTamperedBitOfAChallengeIsRejected(
      @ForAll("keys") PrivateKey key,
      @ForAll long counter,
      @ForAll("nonces") ChallengeNonce nonce,
      @ForAll @IntRange(min = 0, max = PulseV2ChallengeCodec.LENGTH - 1) int index,
      @ForAll @IntRange(min = 0, max = 7) int bit) {
    byte[] wire =
        PulseV2ChallengeCodec.encode(
            new PulseV2Challenge(counter, nonce, false), key.pulseMacKey());
    wire[index] ^= (byte) (1 << bit);

    assertThatThrownBy(() -> PulseV2ChallengeCodec.decode(wire, key.pulseMacKey()))
        .isInstanceOf(MalformedPulseException.class);
  }

  @Property
  void pulseWithNonceAndFamilyRoundTrips(
      @ForAll("keys") PrivateKey key,
      @ForAll @LongRange(min = 1) long counter,
      @ForAll("nonces") ChallengeNonce nonce,
      @ForAll boolean ipv6) {
    byte[] wire =
        PulseV2RequestCodec.encode(key.clientId(), counter, key.pulseMacKey(), ipv6, nonce);

    PulseV2Request decoded = PulseV2RequestCodec.decode(wire);

    assertThat(decoded.claimsIpv6()).isEqualTo(ipv6);
    assertThat(decoded.nonce()).isEqualTo(nonce);
    assertThat(decoded.counter()).isEqualTo(counter);
    assertThat(decoded.isAuthenticBy(key.pulseMacKey())).isTrue();
  }

  @Property
  void theFamilyFlagAndTheNonceAreCoveredByTheMac(
      @ForAll("keys") PrivateKey key,
      @ForAll @LongRange(min = 1) long counter,
      @ForAll("nonces") ChallengeNonce nonce,
      @ForAll @IntRange(min = 0, max = 15) int nonceByte) {
    byte[] flipped = PulseV2RequestCodec.encode(key.clientId(), counter, key.pulseMacKey());
    flipped[3] ^= (byte) V2Header.FLAG_IPV6; // a v4 pulse passed off as v6
    byte[] otherNonce =
        PulseV2RequestCodec.encode(key.clientId(), counter, key.pulseMacKey(), false, nonce);
    otherNonce[28 + nonceByte] ^= 0x01;

    assertThat(PulseV2RequestCodec.decode(flipped).isAuthenticBy(key.pulseMacKey())).isFalse();
    assertThat(PulseV2RequestCodec.decode(otherNonce).isAuthenticBy(key.pulseMacKey())).isFalse();
  }

  @Property
  void noMessageCanPassForAnotherType(
      @ForAll("keys") PrivateKey key,
      @ForAll @LongRange(min = 1) long counter,
      @ForAll("nonces") ChallengeNonce nonce) {
    byte[] challenge =
        PulseV2ChallengeCodec.encode(new PulseV2Challenge(counter, nonce, true), key.pulseMacKey());
    byte[] pulse = PulseV2RequestCodec.encode(key.clientId(), counter, key.pulseMacKey());

    assertThatThrownBy(() -> PulseV2ReplyCodec.decode(challenge, key.pulseMacKey()))
        .isInstanceOf(MalformedPulseException.class);
    assertThatThrownBy(() -> PulseV2RequestCodec.decode(challenge))
        .isInstanceOf(MalformedPulseException.class);
    assertThatThrownBy(() -> PulseV2ChallengeCodec.decode(pulse, key.pulseMacKey()))
        .isInstanceOf(MalformedPulseException.class);
  }

  @Property(tries = 3000)
  void arbitraryBytesNeverThrowAnythingButMalformed(
      @ForAll @Size(max = 64) byte[] datagram, @ForAll("keys") PrivateKey key) {
    if (datagram.length >= 2) {
      datagram[0] = V2Header.VERSION;
      datagram[1] = V2Header.TYPE_CHALLENGE;
    }
    try {
      PulseV2ChallengeCodec.decode(datagram, key.pulseMacKey());
    } catch (MalformedPulseException expected) {
      // the only allowed failure
    }
  }
}
