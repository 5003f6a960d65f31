package dev.rendezvous.edge.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.edge.observe.EdgeMetrics;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The slot timers: PENDING at the deadline, spread checkpoints, expiry, logout and verify. */
class OwnerTimersTest {
  private final World world = new World();
  private final TaskFixture edge = world.task();
  private final InetSocketAddress home = TaskFixture.from("203.0.113.7", 41001);

  @Test
  void aSilentClientIsWrittenPendingAtItsExactDeadlineAndTheNextPulseGets1050() {
    ClientCredentials c = world.register();
    edge.pulse(c, home);
    Instant lastPulse = world.clock.instant();

    world.run(Duration.ofMillis(11_900));
    assertThat(world.troubled.calls("markPending")).isZero();
    world.run(Duration.ofMillis(300));

    assertThat(world.troubled.calls("markPending")).isEqualTo(1);
    assertThat(world.v4(c).onlineUntil()).isEqualTo(lastPulse.plus(Duration.ofSeconds(12)));
    assertThat(world.entry(c).liveness(world.rules, world.clock.instant()))
        .isEqualTo(Liveness.PENDING);
    assertThat(World.replyCode(edge.pulse(c, home), c)).isEqualTo(ResponseCode.PENDING);
  }

  @Test
  void afterAVerifyOverHttpThePendingClientsNextPulseIsAcceptedAndItsLeaseRenewed() {
    ClientCredentials c = world.register();
    edge.pulse(c, home);
    world.run(Duration.ofSeconds(13));
    assertThat(World.replyCode(edge.pulse(c, home), c)).isEqualTo(ResponseCode.PENDING);

    world.directory.verify(c.privateKey()); // the owner is not told: it finds out from the read
    world.advance(Duration.ofSeconds(1));

    assertThat(World.replyCode(edge.pulse(c, home), c)).isEqualTo(ResponseCode.ACCEPTED);
    assertThat(world.v4(c).onlineUntil())
        .isAfter(world.clock.instant().plus(Duration.ofSeconds(100)));
  }

  @Test
  void theInternalApisVerifiedMakesTheNextPulseAcceptedWithoutARead() {
    ClientCredentials c = world.register();
    edge.pulse(c, home);
    world.run(Duration.ofSeconds(13));
    int reads = world.troubled.calls("find");

    edge.shard.verified(c.clientId(), world.clock.instant());

    assertThat(World.replyCode(edge.pulse(c, home), c)).isEqualTo(ResponseCode.ACCEPTED);
    assertThat(world.troubled.calls("find")).isEqualTo(reads);
  }

  @Test
  void checkpointsRenewTheLeaseAboutOncePerPeriodWhileTheClientPulses() {
    ClientCredentials c = world.register();
    edge.pulse(c, home);
    int pulses = 0;
    for (int i = 0; i < 100; i++) { // 1000 s of pulses every 10 s; the period is 100 s
      world.run(Duration.ofSeconds(10));
      assertThat(World.replyCode(edge.pulse(c, home), c)).isEqualTo(ResponseCode.ACCEPTED);
      pulses++;
    }

    int checkpoints = world.troubled.calls("checkpoint");
    assertThat(checkpoints).isBetween(9, 11);
    assertThat((double) checkpoints / pulses).isLessThanOrEqualTo(0.11);
    assertThat(world.v4(c).onlineUntil())
        .isAfter(world.clock.instant().plus(Duration.ofSeconds(40)));
    assertThat(world.troubled.calls("markPending")).isZero();
    assertThat(edge.metrics.directoryWrites("checkpoint", "written")).isEqualTo(checkpoints);
  }

  @Test
  void checkpointsOfClientsTakenOverTogetherAreSpreadOverTheSecondHalfOfThePeriod() {
    ClientCredentials[] clients = new ClientCredentials[40];
    for (int i = 0; i < clients.length; i++) {
      clients[i] = world.register();
      edge.pulse(clients[i], TaskFixture.from("203.0.113.7", 42000 + i));
    }
    int first = -1;
    int last = -1;
    for (int s = 1; s <= 100; s++) {
      world.run(Duration.ofSeconds(1));
      if (s % 10 == 0) {
        for (int i = 0; i < clients.length; i++) {
          edge.pulse(clients[i], TaskFixture.from("203.0.113.7", 42000 + i));
        }
      }
      if (world.troubled.calls("checkpoint") > 0 && first < 0) {
        first = s;
      }
      if (world.troubled.calls("checkpoint") == clients.length && last < 0) {
        last = s;
      }
    }
    assertThat(first).isGreaterThanOrEqualTo(50);
    assertThat(last).isGreaterThan(first + 20).isLessThanOrEqualTo(100);
  }

  @Test
  void aPendingClientIsForgottenWhenItExpires() {
    ClientCredentials c = world.register();
    edge.pulse(c, home);

    world.run(Duration.ofSeconds(31));

    assertThat(edge.shard.lookUp(c.clientId())).isEmpty();
    assertThat(edge.shard.liveEntries()).isZero();
    assertThat(edge.meters.get(EdgeMetrics.LIVE_CLIENTS).gauge().value()).isZero();
  }

  @Test
  void afterLogoutTheNextPulseGets1060OnceThenSilence() {
    ClientCredentials c = world.register();
    edge.pulse(c, home);
    world.directory.logout(c.privateKey());
    edge.shard.loggedOut(c.clientId());

    assertThat(World.replyCode(edge.pulse(c, home), c)).isEqualTo(ResponseCode.UNKNOWN);
    assertThat(edge.pulse(c, home)).isNull();
  }

  @Test
  void aLogoutTheOwnerWasNotToldOfEndsItAtItsNextWrite() {
    ClientCredentials c = world.register();
    edge.pulse(c, home);
    world.directory.logout(c.privateKey());

    world.run(Duration.ofSeconds(13)); // the PENDING write finds no item: GONE

    assertThat(edge.metrics.directoryWrites("pending", "gone")).isEqualTo(1);
    assertThat(World.replyCode(edge.pulse(c, home), c)).isEqualTo(ResponseCode.UNKNOWN);
  }
}
