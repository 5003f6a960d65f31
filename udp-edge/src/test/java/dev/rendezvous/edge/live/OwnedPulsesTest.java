package dev.rendezvous.edge.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.FamilyEntry;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
import dev.rendezvous.protocol.v2.PulseV2ChallengeCodec;
import dev.rendezvous.protocol.v2.PulseV2Reply;
import dev.rendezvous.protocol.v2.PulseV2ReplyCodec;
import dev.rendezvous.protocol.v2.PulseV2RequestCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The owner's pulse path on the real pipeline and the real in-memory directory. */
class OwnedPulsesTest {
  private final World world = new World();
  private final TaskFixture edge = world.task();
  private final InetSocketAddress home = TaskFixture.from("203.0.113.7", 41001);

  private PulseV2Reply decode(byte[] reply, ClientCredentials c) {
    assertThat(reply).as("a reply").isNotNull();
    return PulseV2ReplyCodec.decode(reply, c.privateKey().pulseMacKey());
  }

  @Test
  void aFirstV2PulseIsChallengedThenTheAnswerTakesOwnership() {
    ClientCredentials c = world.register();
    byte[] first =
        edge.send(
            PulseV2RequestCodec.encode(
                c.clientId(), edge.nextCounter(c), c.privateKey().pulseMacKey()),
            home);

    assertThat(PulseV2ChallengeCodec.looksLikeChallenge(first)).isTrue();
    assertThat(world.entry(c).family(AddressFamily.IPV4)).as("nothing owned yet").isEmpty();

    PulseV2Reply reply = decode(edge.pulse(c, home), c);

    assertThat(reply.code()).isEqualTo(ResponseCode.ACCEPTED);
    FamilyEntry family = world.entry(c).family(AddressFamily.IPV4).orElseThrow();
    assertThat(family.owner().orElseThrow().task()).isEqualTo(edge.id);
    assertThat(family.epoch()).isEqualTo(1);
    assertThat(family.address()).isEqualTo(new ObservedAddress("203.0.113.7", 41001));
    assertThat(edge.shard.lookUp(c.clientId())).hasSize(1);
  }

  @Test
  void anOwnedClientIsAnsweredFromMemoryWithNoStorageCall() {
    ClientCredentials c = world.register();
    edge.pulse(c, home);
    int callsAfterTakeover = world.troubled.storageCalls();

    for (int i = 0; i < 5; i++) {
      world.advance(Duration.ofSeconds(10));
      assertThat(decode(edge.pulse(c, home), c).code()).isEqualTo(ResponseCode.ACCEPTED);
    }

    assertThat(world.troubled.storageCalls()).isEqualTo(callsAfterTakeover);
    assertThat(edge.shard.lookUp(c.clientId()).get(0).lastPulseAt())
        .isEqualTo(world.clock.instant());
  }

  @Test
  void v1IsTakenOverOnItsFirstPulseAndThenAnsweredFromMemory() {
    ClientCredentials c = world.register();
    byte[] key = c.privateKey().toBytes();

    assertThat(PulseV1ReplyCodec.decode(edge.send(key, home))).isEqualTo(ResponseCode.ACCEPTED);
    int calls = world.troubled.storageCalls();
    world.advance(Duration.ofSeconds(10));
    assertThat(PulseV1ReplyCodec.decode(edge.send(key, home))).isEqualTo(ResponseCode.ACCEPTED);

    assertThat(world.troubled.storageCalls()).isEqualTo(calls);
    assertThat(world.entry(c).family(AddressFamily.IPV4).orElseThrow().epoch()).isEqualTo(1);
  }

  @Test
  void unknownIdsAreReadOnceThenAnsweredFromTheNegativeCache() {
    ClientCredentials v2 = world.unregistered();
    ClientCredentials v1 = world.unregistered();

    for (int i = 0; i < 3; i++) {
      assertThat(edge.pulse(v2, home)).as("v2: silence").isNull();
      assertThat(PulseV1ReplyCodec.decode(edge.send(v1.privateKey().toBytes(), home)))
          .isEqualTo(ResponseCode.UNKNOWN);
    }

    assertThat(world.troubled.calls("find")).isEqualTo(2);
    assertThat(edge.metrics.drops(DropReason.UNKNOWN_CLIENT)).isEqualTo(3);
  }

  @Test
  void aReplayedPulseIsDroppedBeforeAnythingElseAndMovesNothing() {
    ClientCredentials c = world.register();
    edge.pulse(c, home);
    byte[] captured =
        PulseV2RequestCodec.encode(c.clientId(), edge.nextCounter(c), c.privateKey().pulseMacKey());
    assertThat(decode(edge.send(captured, home), c).code()).isEqualTo(ResponseCode.ACCEPTED);

    InetSocketAddress attacker = TaskFixture.from("192.0.2.66", 9999);
    assertThat(edge.send(captured, home)).isNull();
    assertThat(edge.send(captured, attacker)).isNull();

    assertThat(edge.metrics.drops(DropReason.REPLAYED)).isEqualTo(2);
    assertThat(world.entry(c).family(AddressFamily.IPV4).orElseThrow().address())
        .isEqualTo(new ObservedAddress("203.0.113.7", 41001));
  }

  @Test
  void aNewSourceMustAnswerAChallengeBeforeTheAddressMoves() {
    ClientCredentials c = world.register();
    edge.pulse(c, home);
    InetSocketAddress rebound = TaskFixture.from("203.0.113.7", 52000);

    PulseV2Reply reply = decode(edge.pulse(c, rebound), c);

    assertThat(reply.code()).isEqualTo(ResponseCode.ACCEPTED);
    assertThat(reply.observedPort()).isEqualTo(52000);
    assertThat(world.troubled.calls("moveAddress")).isEqualTo(1);
    assertThat(world.entry(c).family(AddressFamily.IPV4).orElseThrow().address())
        .isEqualTo(new ObservedAddress("203.0.113.7", 52000));
  }

  @Test
  void aFreshPulseReplayedFromAnotherSourceOnlyGetsAChallengeItCannotAnswer() {
    ClientCredentials c = world.register();
    edge.pulse(c, home);
    byte[] fresh =
        PulseV2RequestCodec.encode(c.clientId(), edge.nextCounter(c), c.privateKey().pulseMacKey());
    InetSocketAddress attacker = TaskFixture.from("192.0.2.66", 9999);

    byte[] answer = edge.send(fresh, attacker);

    assertThat(PulseV2ChallengeCodec.looksLikeChallenge(answer)).isTrue();
    assertThat(world.troubled.calls("moveAddress")).isZero();
    assertThat(world.entry(c).family(AddressFamily.IPV4).orElseThrow().address())
        .isEqualTo(new ObservedAddress("203.0.113.7", 41001));
    // The genuine pulse with the same counter was burned by the replay; the next one is fine.
    assertThat(decode(edge.pulse(c, home), c).code()).isEqualTo(ResponseCode.ACCEPTED);
  }
}
