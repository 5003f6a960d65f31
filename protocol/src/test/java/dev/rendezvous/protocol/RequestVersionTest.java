package dev.rendezvous.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.protocol.identity.PrivateKey;
import dev.rendezvous.protocol.v1.PulseV1Request;
import dev.rendezvous.protocol.v1.PulseV1RequestCodec;
import dev.rendezvous.protocol.v2.PulseV2RequestCodec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The version byte decides before the length, without ever taking a v1 client's key for v2. */
class RequestVersionTest {

  @Property
  void everyV1RequestIsV1WhateverItsFirstByte(
      @ForAll @Size(32) byte[] key, @ForAll PulseV1Request.Form form) {
    byte[] datagram = PulseV1RequestCodec.encode(PrivateKey.fromBytes(key), form);

    assertThat(RequestVersion.of(datagram)).isEqualTo(RequestVersion.V1);
  }

  @Test
  void aRawKeyThatLooksLikeAV2HeaderIsStillV1() {
    byte[] key = new byte[32];
    key[0] = 0x02; // version
    key[1] = 0x01; // PULSE
    assertThat(RequestVersion.of(key)).isEqualTo(RequestVersion.V1);
  }

  @Property
  void everyV2PulseIsV2(@ForAll @Size(32) byte[] key, @ForAll @LongRange(min = 1) long counter) {
    PrivateKey k = PrivateKey.fromBytes(key);
    byte[] datagram = PulseV2RequestCodec.encode(k.clientId(), counter, k.pulseMacKey());

    assertThat(RequestVersion.of(datagram)).isEqualTo(RequestVersion.V2);
  }

  @Property
  void theVersionByteDecidesBeforeTheLength(
      @ForAll @IntRange(min = 1, max = 1500) int length, @ForAll byte second) {
    byte[] datagram = new byte[length];
    datagram[0] = 0x02;
    datagram[1 % length] = length == 1 ? 0x02 : second;

    RequestVersion expected = length == 32 ? RequestVersion.V1 : RequestVersion.V2;
    assertThat(RequestVersion.of(datagram)).isEqualTo(expected);
  }

  @Property
  void withoutTheVersionByteOnly32Or64BytesAreAnything(@ForAll @Size(max = 1500) byte[] datagram) {
    if (datagram.length > 0 && datagram[0] == 0x02) {
      return;
    }
    RequestVersion expected =
        datagram.length == 32 || datagram.length == 64 ? RequestVersion.V1 : RequestVersion.NONE;
    assertThat(RequestVersion.of(datagram)).isEqualTo(expected);
  }

  @Test
  void anEmptyDatagramIsNeither() {
    assertThat(RequestVersion.of(new byte[0])).isEqualTo(RequestVersion.NONE);
  }
}
