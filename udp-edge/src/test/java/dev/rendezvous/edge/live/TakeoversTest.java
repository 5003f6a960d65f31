package dev.rendezvous.edge.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.directory.TaskState;
import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.edge.TroubledDirectory;
import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.v2.ChallengeNonce;
import dev.rendezvous.protocol.v2.PulseV2ChallengeCodec;
import dev.rendezvous.protocol.v2.PulseV2RequestCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Ownership moving between tasks: epochs, revoke, deferral while the old owner is dead. */
class TakeoversTest {
  private final World world = new World();
  private final InetSocketAddress home = TaskFixture.from("203.0.113.7", 41001);

  @Test
  void flapBackEpochsRiseAndEachNewOwnerRevokesTheOlder() {
    TaskFixture x = world.task();
    TaskFixture y = world.task();
    ClientCredentials c = world.register();

    assertThat(World.replyCode(x.pulse(c, home), c)).isEqualTo(ResponseCode.ACCEPTED);
    world.advance(Duration.ofSeconds(10));
    assertThat(World.replyCode(y.pulse(c, home), c)).isEqualTo(ResponseCode.ACCEPTED);
    assertThat(world.v4(c).owner().orElseThrow().task()).isEqualTo(y.id);
    assertThat(world.v4(c).epoch()).isEqualTo(2);
    assertThat(x.shard.lookUp(c.clientId())).as("x was revoked").isEmpty();

    world.advance(Duration.ofSeconds(10));
    assertThat(World.replyCode(x.pulse(c, home), c)).isEqualTo(ResponseCode.ACCEPTED);
    assertThat(world.v4(c).owner().orElseThrow().task()).isEqualTo(x.id);
    assertThat(world.v4(c).epoch()).isEqualTo(3);
    assertThat(y.shard.lookUp(c.clientId())).isEmpty();
  }

  @Test
  void theOldOwnersTimersNeverWriteOverTheNewerOwner() {
    TaskFixture.Options noRevoke = TaskFixture.Options.defaults();
    noRevoke.revokes = false; // the revoke call is lost
    TaskFixture x = world.task();
    TaskFixture y = world.task(noRevoke);
    ClientCredentials c = world.register();
    x.pulse(c, home);
    world.advance(Duration.ofSeconds(10));
    y.pulse(c, home);
    assertThat(x.shard.lookUp(c.clientId())).as("x still thinks it owns the client").hasSize(1);

    // The client keeps pulsing y; x's deadline passes and its PENDING write is refused.
    for (int i = 0; i < 3; i++) {
      world.run(Duration.ofSeconds(8));
      assertThat(World.replyCode(y.pulse(c, home), c)).isEqualTo(ResponseCode.ACCEPTED);
    }

    assertThat(x.metrics.directoryWrites("pending", "lost")).isEqualTo(1);
    assertThat(x.shard.lookUp(c.clientId())).isEmpty();
    assertThat(world.v4(c).owner().orElseThrow().task()).isEqualTo(y.id);
    assertThat(world.entry(c).liveness(world.rules, world.clock.instant()))
        .isEqualTo(Liveness.ONLINE);
  }

  @Test
  void aTakeoverByAClientThatWasOnTimeBeatsTheOldOwnersPendingWriteThatLandedFirst() {
    TaskFixture x = world.task();
    TaskFixture y = world.task();
    ClientCredentials c = world.register();
    x.pulse(c, home);
    world.advance(Duration.ofSeconds(10));
    // The flow moves to y 10 s after the last pulse at x: y reads (ONLINE) and challenges ...
    byte[] challenge =
        y.send(
            PulseV2RequestCodec.encode(
                c.clientId(), y.nextCounter(c), c.privateKey().pulseMacKey()),
            home);
    ChallengeNonce nonce =
        PulseV2ChallengeCodec.decode(challenge, c.privateKey().pulseMacKey()).nonce();
    // ... the client answers at once, but y's takeover write is slow ...
    world.troubled.mode(TroubledDirectory.Mode.HOLD);
    byte[] answer =
        PulseV2RequestCodec.encode(
            c.clientId(), y.nextCounter(c), c.privateKey().pulseMacKey(), false, nonce);
    assertThat(y.send(answer, home)).as("waiting on the takeover write").isNull();
    // ... and x's timer writes PENDING at the deadline (12 s) before it lands.
    world.troubled.mode(TroubledDirectory.Mode.PASS);
    world.run(Duration.ofSeconds(3));
    assertThat(x.metrics.directoryWrites("pending", "written")).isEqualTo(1);

    world.troubled.releaseAll();

    assertThat(World.replyCode(y.reply(answer.length, home), c)).isEqualTo(ResponseCode.ACCEPTED);
    assertThat(world.v4(c).owner().orElseThrow().task()).isEqualTo(y.id);
    assertThat(world.entry(c).liveness(world.rules, world.clock.instant()))
        .isEqualTo(Liveness.ONLINE);
  }

  @Test
  void whileTheOldOwnerIsDeadTheTakeoverIsDeferredAndLandsBeforeItsLeaseRunsOut() {
    TaskFixture x = world.task();
    TaskFixture.Options slowTakeovers = TaskFixture.Options.defaults();
    slowTakeovers.takeoverRate = 0.05; // one per 20 s
    TaskFixture y = world.task(slowTakeovers);
    ClientCredentials[] clients = new ClientCredentials[3];
    for (int i = 0; i < clients.length; i++) {
      clients[i] = world.register();
      x.pulse(clients[i], TaskFixture.from("203.0.113.7", 43000 + i));
    }
    world.kill(x);
    world.advance(Duration.ofSeconds(10));
    int takeoversByX = world.troubled.calls("takeOver");

    for (int i = 0; i < clients.length; i++) {
      assertThat(
              World.replyCode(
                  y.pulse(clients[i], TaskFixture.from("203.0.113.7", 43000 + i)), clients[i]))
          .as("answered from the directory at once")
          .isEqualTo(ResponseCode.ACCEPTED);
    }
    int takeoversAtFirst = world.troubled.calls("takeOver") - takeoversByX;
    for (int s = 0; s < 120; s += 10) {
      world.run(Duration.ofSeconds(10));
      for (int i = 0; i < clients.length; i++) {
        assertThat(
                World.replyCode(
                    y.pulse(clients[i], TaskFixture.from("203.0.113.7", 43000 + i)), clients[i]))
            .isEqualTo(ResponseCode.ACCEPTED);
        assertThat(world.entry(clients[i]).liveness(world.rules, world.clock.instant()))
            .isEqualTo(Liveness.ONLINE);
      }
    }

    assertThat(takeoversAtFirst).as("nothing written at once").isLessThanOrEqualTo(1);
    for (ClientCredentials c : clients) {
      assertThat(world.v4(c).owner().orElseThrow().task()).isEqualTo(y.id);
    }
  }

  @Test
  void aDrainingOwnerIsTreatedAsDownAndALiveOneIsNot() {
    TaskFixture x = world.task();
    TaskFixture y = world.task();
    ClientCredentials c = world.register();
    x.pulse(c, home);
    world.heartbeat(x, TaskState.DRAINING, world.clock.instant());
    world.advance(Duration.ofSeconds(10));

    assertThat(World.replyCode(y.pulse(c, home), c)).isEqualTo(ResponseCode.ACCEPTED);
    assertThat(world.troubled.calls("takeOver")).as("deferred").isEqualTo(1);
  }

  @Test
  void pastMaxClientsATakeoverIsRefusedAndCounted() {
    TaskFixture.Options small = TaskFixture.Options.defaults();
    small.maxClients = 16;
    TaskFixture x = world.task(small);
    for (int i = 0; i < 16; i++) {
      ClientCredentials c = world.register();
      assertThat(World.replyCode(x.pulse(c, TaskFixture.from("203.0.113.7", 44000 + i)), c))
          .isEqualTo(ResponseCode.ACCEPTED);
    }
    ClientCredentials one = world.register();

    assertThat(x.pulse(one, TaskFixture.from("203.0.113.7", 45000))).isNull();
    assertThat(x.metrics.drops(DropReason.CAPACITY)).isEqualTo(1);
  }
}
