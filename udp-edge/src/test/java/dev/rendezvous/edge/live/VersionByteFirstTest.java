package dev.rendezvous.edge.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.PrivateKey;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
import dev.rendezvous.protocol.v2.PulseV2ReplyCodec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The edge reads the version byte before the length (docs/protocol.md). */
class VersionByteFirstTest {
  private final World world = new World();

  @Test
  void aSixtyFourByteDatagramThatStartsWithTheV2VersionGoesToTheV2Decoder() {
    TaskFixture.Options v1Off = TaskFixture.Options.defaults();
    v1Off.v1Enabled = false;
    TaskFixture edge = world.task(v1Off);
    byte[] datagram = new byte[64];
    datagram[0] = 0x02; // version
    datagram[1] = 0x01; // PULSE, but no v2 pulse is 64 bytes long

    assertThat(edge.send(datagram, TaskFixture.from("203.0.113.7", 43001))).isNull();

    assertThat(edge.metrics.drops(DropReason.V1_DISABLED)).as("read as v1").isZero();
    assertThat(edge.metrics.drops(DropReason.MALFORMED)).isEqualTo(1);
    assertThat(edge.metrics.malformedCount("v2 pulse must be 60 bytes, not 64")).isEqualTo(1);
  }

  @Test
  void withV1OffARegisteredClientsV1PulsesGetSilenceAndCostNothingWhileV2IsServed() {
    TaskFixture.Options v1Off = TaskFixture.Options.defaults();
    v1Off.v1Enabled = false;
    TaskFixture edge = world.task(v1Off);
    ClientCredentials c = world.register();
    InetSocketAddress home = TaskFixture.from("203.0.113.7", 43003);
    byte[] raw = c.privateKey().toBytes();
    byte[] hex = c.privateKey().revealHex().getBytes(StandardCharsets.US_ASCII);

    assertThat(edge.send(raw, home)).as("raw v1: silence").isNull();
    assertThat(edge.send(hex, home)).as("hex v1: silence").isNull();

    assertThat(edge.metrics.drops(DropReason.V1_DISABLED)).isEqualTo(2);
    assertThat(world.troubled.storageCalls()).as("no read, no takeover").isZero();
    assertThat(PulseV2ReplyCodec.decode(edge.pulse(c, home), c.privateKey().pulseMacKey()).code())
        .as("the same client over v2")
        .isEqualTo(ResponseCode.ACCEPTED);
  }

  @Test
  void aRawV1KeyThatStartsLikeAV2HeaderIsStillAcceptedAsV1() {
    TaskFixture edge = world.task();
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    key[0] = 0x02; // version
    key[1] = 0x01; // PULSE
    key[2] = 0;
    key[3] = 0;
    ClientCredentials c = ClientCredentials.of(PrivateKey.fromBytes(key));
    world.directory.register(c);

    byte[] reply = edge.send(key, TaskFixture.from("203.0.113.7", 43002));

    assertThat(reply).as("a reply").isNotNull();
    assertThat(PulseV1ReplyCodec.decode(reply)).isEqualTo(ResponseCode.ACCEPTED);
  }
}
