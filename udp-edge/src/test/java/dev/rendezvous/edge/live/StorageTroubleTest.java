package dev.rendezvous.edge.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.edge.TroubledDirectory;
import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
import dev.rendezvous.protocol.v2.PulseV2ReplyCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Storage that fails, throttles, hangs or times out, under the real pipeline: what needs storage
 * gets no reply (never a wrong 1060), what is owned is still answered, the in-flight bound holds,
 * and owner writes are retried until they land.
 */
class StorageTroubleTest {
  private final World world = new World();
  private final InetSocketAddress home = TaskFixture.from("203.0.113.7", 41001);

  private TaskFixture edge(int maxInFlight, Duration timeout) {
    TaskFixture.Options o = TaskFixture.Options.defaults();
    o.maxInFlight = maxInFlight;
    o.storageTimeout = timeout;
    return world.task(o);
  }

  @Test
  void failingOrThrottledStorageGivesNewClientsSilenceAndOwnedOnesTheirAnswer() {
    TaskFixture edge = edge(100, Duration.ofSeconds(5));
    ClientCredentials owned = world.register();
    ClientCredentials fresh = world.register();
    edge.pulse(owned, home);

    for (TroubledDirectory.Mode mode :
        new TroubledDirectory.Mode[] {
          TroubledDirectory.Mode.FAIL_UNAVAILABLE, TroubledDirectory.Mode.FAIL_THROTTLED
        }) {
      world.troubled.mode(mode);
      assertThat(edge.send(fresh.privateKey().toBytes(), TaskFixture.from("198.51.100.1", 9)))
          .as(mode + ": v1 new client")
          .isNull();
      assertThat(edge.pulse(fresh, TaskFixture.from("198.51.100.2", 9)))
          .as(mode + ": v2 new client")
          .isNull();
      byte[] reply = edge.pulse(owned, home);
      assertThat(PulseV2ReplyCodec.decode(reply, owned.privateKey().pulseMacKey()).code())
          .isEqualTo(ResponseCode.ACCEPTED);
    }
    assertThat(edge.metrics.drops(DropReason.STORAGE_UNAVAILABLE)).isEqualTo(2);
    assertThat(edge.metrics.drops(DropReason.STORAGE_THROTTLED)).isEqualTo(2);
    assertThat(edge.metrics.replies(ResponseCode.UNKNOWN)).isZero();

    world.troubled.mode(TroubledDirectory.Mode.PASS);
    assertThat(
            PulseV1ReplyCodec.decode(
                edge.send(fresh.privateKey().toBytes(), TaskFixture.from("198.51.100.1", 9))))
        .isEqualTo(ResponseCode.ACCEPTED);
  }

  @Test
  void hungStorageIsBoundedByTheInFlightLimitAndAnsweredWhenItReturns() {
    TaskFixture edge = edge(2, Duration.ofSeconds(5));
    ClientCredentials[] clients = {world.register(), world.register(), world.register()};
    world.troubled.mode(TroubledDirectory.Mode.HOLD);

    for (int i = 0; i < clients.length; i++) {
      assertThat(
              edge.send(clients[i].privateKey().toBytes(), TaskFixture.from("198.51.100.3", i + 1)))
          .isNull();
    }
    assertThat(edge.metrics.drops(DropReason.OVERLOADED)).isEqualTo(1);
    assertThat(edge.inFlight.get()).isEqualTo(2);

    world.troubled.mode(TroubledDirectory.Mode.PASS);
    world.troubled.releaseAll(); // the reads return; the takeovers then pass
    edge.channel.runPendingTasks();
    java.util.Set<Integer> answeredPorts = new java.util.HashSet<>();
    for (int i = 0; i < 2; i++) {
      io.netty.channel.socket.DatagramPacket out = edge.channel.readOutbound();
      assertThat(out).as("answer " + i).isNotNull();
      answeredPorts.add(out.recipient().getPort());
      assertThat(PulseV1ReplyCodec.decode(io.netty.buffer.ByteBufUtil.getBytes(out.content())))
          .isEqualTo(ResponseCode.ACCEPTED);
      out.release();
    }
    assertThat(answeredPorts).containsExactlyInAnyOrder(1, 2);
    assertThat(edge.inFlight.get()).isZero();
  }

  @Test
  void aStorageCallPastItsTimeoutIsSilenceAndKeepsItsSlotUntilItEnds() throws Exception {
    TaskFixture edge = edge(100, Duration.ofMillis(50));
    ClientCredentials c = world.register();
    world.troubled.mode(TroubledDirectory.Mode.HOLD);

    assertThat(edge.send(c.privateKey().toBytes(), home)).isNull();
    Thread.sleep(300);
    edge.channel.runPendingTasks();

    assertThat(edge.metrics.drops(DropReason.STORAGE_TIMEOUT)).isEqualTo(1);
    assertThat(edge.inFlight.get()).as("held until the call really ends").isEqualTo(1);
    world.troubled.mode(TroubledDirectory.Mode.PASS);
    world.troubled.releaseAll();
    edge.channel.runPendingTasks();
    assertThat(edge.inFlight.get()).isZero();
    assertThat(edge.reply(32, home)).as("never answered late").isNull();
  }

  @Test
  void aCheckpointThatStorageRefusesIsRetriedUntilItLands() {
    TaskFixture edge = edge(100, Duration.ofSeconds(5));
    ClientCredentials c = world.register();
    edge.pulse(c, home);
    world.troubled.mode(TroubledDirectory.Mode.FAIL_UNAVAILABLE);
    for (int i = 0; i < 10; i++) { // 100 s: the first checkpoint falls due and fails
      world.run(Duration.ofSeconds(10));
      edge.pulse(c, home);
    }
    assertThat(edge.metrics.directoryWrites("checkpoint", "error")).isPositive();
    world.troubled.mode(TroubledDirectory.Mode.PASS);

    world.run(Duration.ofSeconds(6));

    assertThat(edge.metrics.directoryWrites("checkpoint", "written")).isEqualTo(1);
    assertThat(world.entry(c).family(AddressFamily.IPV4).orElseThrow().onlineUntil())
        .isAfter(world.clock.instant().plus(Duration.ofSeconds(100)));
  }
}
