package dev.rendezvous.edge.pulse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.PrivateKey;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The edge reads the version byte before the length (docs/protocol.md). */
class VersionByteFirstTest {

  @Test
  void aSixtyFourByteDatagramThatStartsWithTheV2VersionGoesToTheV2Decoder() {
    PipelineFixture.Options v1Off = PipelineFixture.Options.defaults();
    v1Off.v1Enabled = false;
    PipelineFixture edge = new PipelineFixture(v1Off);
    byte[] datagram = new byte[64];
    datagram[0] = 0x02; // version
    datagram[1] = 0x01; // PULSE, but no v2 pulse is 64 bytes long

    assertThat(edge.send(datagram, PipelineFixture.sender(43001))).isNull();

    assertThat(edge.metrics.drops(DropReason.V1_DISABLED)).as("read as v1").isZero();
    assertThat(edge.metrics.drops(DropReason.MALFORMED)).isEqualTo(1);
  }

  @Test
  void aRawV1KeyThatStartsLikeAV2HeaderIsStillAcceptedAsV1() {
    PipelineFixture edge = new PipelineFixture();
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    key[0] = 0x02; // version
    key[1] = 0x01; // PULSE
    key[2] = 0;
    key[3] = 0;
    ClientCredentials c = ClientCredentials.of(PrivateKey.fromBytes(key));
    edge.registry.register(c);

    byte[] reply = edge.send(key, PipelineFixture.sender(43002));

    assertThat(reply).as("a reply").isNotNull();
    assertThat(PulseV1ReplyCodec.decode(reply)).isEqualTo(ResponseCode.ACCEPTED);
  }
}
