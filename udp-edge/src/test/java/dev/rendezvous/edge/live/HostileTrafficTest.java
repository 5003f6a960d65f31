package dev.rendezvous.edge.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.v2.PulseV2RequestCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Traffic that fails to authenticate, or replays, must not spend what authentic pulses need; junk
 * must not cost storage calls. Each case failed on the edge that rate-limited per source before
 * authenticating and checked counters only in storage.
 */
class HostileTrafficTest {
  private final World world = new World();
  private final InetSocketAddress victim = TaskFixture.from("203.0.113.7", 41001);
  private final Random random = new Random(11);

  private static TaskFixture.Options tight() {
    TaskFixture.Options o = TaskFixture.Options.defaults();
    o.sourceRate = 1;
    o.sourceBurst = 2;
    o.clientRate = 1;
    o.clientBurst = 2;
    return o;
  }

  @Test
  void forgedTrafficFromTheVictimsOwnAddressDoesNotSilenceIt() {
    TaskFixture edge = world.task(tight());
    ClientCredentials c = world.register();
    assertThat(World.replyCode(edge.pulse(c, victim), c)).isEqualTo(ResponseCode.ACCEPTED);
    ClientCredentials stranger = world.unregistered();
    int answered = 0;
    for (int round = 0; round < 20; round++) {
      // 1,000 datagrams a second from the victim's IP (any port): junk, forged MACs, random ids.
      for (int i = 0; i < 1_000; i++) {
        InetSocketAddress spoofed = TaskFixture.from("203.0.113.7", 1024 + random.nextInt(60000));
        byte[] forged =
            PulseV2RequestCodec.encode(
                c.clientId(), edge.nextCounter(c) + 1, stranger.privateKey().pulseMacKey());
        byte[] unknown =
            PulseV2RequestCodec.encode(
                world.unregistered().clientId(),
                world.clock.millis(),
                stranger.privateKey().pulseMacKey());
        byte[] junk = new byte[random.nextInt(80)];
        random.nextBytes(junk);
        edge.send(i % 3 == 0 ? forged : i % 3 == 1 ? unknown : junk, spoofed);
      }
      world.advance(Duration.ofSeconds(1));
      if (round % 10 == 9 && World.replyCode(edge.pulse(c, victim), c) == ResponseCode.ACCEPTED) {
        answered++;
      }
    }

    assertThat(answered).isEqualTo(2);
    assertThat(edge.metrics.drops(DropReason.UNAUTHENTICATED)).isGreaterThan(6_000);
    assertThat(edge.metrics.drops(DropReason.RATE_LIMITED_SOURCE)).isGreaterThan(6_000);
    assertThat(world.troubled.calls("find"))
        .as("reads, bounded by the source bucket")
        .isLessThan(40);
  }

  @Test
  void replaysOfTheVictimsPulsesDoNotSpendItsBudget() {
    TaskFixture edge = world.task(tight());
    ClientCredentials c = world.register();
    edge.pulse(c, victim);
    int answered = 0;
    for (int i = 0; i < 20; i++) {
      byte[] genuine =
          PulseV2RequestCodec.encode(
              c.clientId(), edge.nextCounter(c), c.privateKey().pulseMacKey());
      if (World.replyCode(edge.send(genuine, victim), c) == ResponseCode.ACCEPTED) {
        answered++;
      }
      for (int r = 0; r < 20; r++) { // 20 replays a second, from the victim's address and others
        edge.send(genuine, r % 2 == 0 ? victim : TaskFixture.from("192.0.2.66", 9000 + r));
      }
      world.advance(Duration.ofSeconds(1));
    }

    assertThat(answered).isEqualTo(20);
    assertThat(edge.metrics.drops(DropReason.REPLAYED)).isEqualTo(400);
    assertThat(edge.metrics.drops(DropReason.RATE_LIMITED_CLIENT)).isZero();
  }

  @Test
  void junkNeverReachesStorage() {
    TaskFixture edge = world.task();
    for (int i = 0; i < 2_000; i++) {
      int length = random.nextInt(100);
      if (length == 32 || length == 64) {
        continue; // any 32 or 64 bytes are a v1 key: see the next test
      }
      byte[] junk = new byte[length];
      random.nextBytes(junk);
      if (junk.length > 0 && random.nextBoolean()) {
        junk[0] = 0x02;
      }
      edge.send(junk, TaskFixture.from("198.51.100.9", 1024 + i));
    }

    assertThat(world.troubled.storageCalls()).isZero();
    assertThat(edge.metrics.drops(DropReason.MALFORMED)).isGreaterThan(1_800);
  }

  @Test
  void aRandomV1KeyCostsOneReadThenNothing() {
    TaskFixture edge = world.task();
    byte[] key = new byte[32];
    random.nextBytes(key);
    for (int i = 0; i < 100; i++) {
      edge.send(key, TaskFixture.from("198.51.100.9", 2000 + i));
    }

    assertThat(world.troubled.storageCalls()).isEqualTo(1);
    assertThat(edge.metrics.replies(ResponseCode.UNKNOWN)).isEqualTo(100);
  }

  @Test
  void aV4PulseReplayedOverV6FromTheClientsOwnV6AddressIsNotAccepted() {
    TaskFixture edge = world.task();
    ClientCredentials c = world.register();
    InetSocketAddress v6Home = TaskFixture.from("2001:db8::7", 41002);
    assertThat(World.replyCode(edge.pulse(c, v6Home), c)).isEqualTo(ResponseCode.ACCEPTED);
    byte[] capturedV4 = // flag 0: sent over IPv4
        PulseV2RequestCodec.encode(c.clientId(), edge.nextCounter(c), c.privateKey().pulseMacKey());

    byte[] answer = edge.send(capturedV4, v6Home);

    assertThat(dev.rendezvous.protocol.v2.PulseV2ChallengeCodec.looksLikeChallenge(answer))
        .as("only a challenge, which a replayer cannot answer")
        .isTrue();
    assertThat(edge.metrics.replies(ResponseCode.ACCEPTED)).isEqualTo(1);
  }
}
