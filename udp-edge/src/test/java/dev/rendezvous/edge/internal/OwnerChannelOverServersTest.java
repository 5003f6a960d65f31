package dev.rendezvous.edge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.OwnedState;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.core.directory.TaskState;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.internalapi.InternalApiClient;
import dev.rendezvous.internalapi.InternalApiOwnerChannel;
import dev.rendezvous.internalapi.RequestSigning;
import dev.rendezvous.internalapi.SecretSource;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The routes' OwnerChannel against real edge servers: parallel, bounded, the higher epoch wins. */
class OwnerChannelOverServersTest {
  // Generous: these machines are shared and loaded; the bound checked is "no hang", not speed.
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  private static final OwnedState V6 =
      new OwnedState(
          AddressFamily.IPV6,
          3,
          new ObservedAddress("2001:db8::9", 7000),
          Instant.ofEpochMilli(1_767_225_601_000L),
          0);

  private final TestOwnedClients first = new TestOwnedClients();
  private final TestOwnedClients second = new TestOwnedClients();
  private InternalApiServer firstServer;
  private InternalApiServer secondServer;
  private InternalApiClient client;

  @AfterEach
  void stop() {
    client.close();
    firstServer.close();
    secondServer.close();
  }

  private InternalApiOwnerChannel start() throws InterruptedException {
    RequestSigning signing = new RequestSigning(InternalApiServerTest.SECRET);
    InternalServerLimits limits =
        new InternalServerLimits(16, 1024, Duration.ofSeconds(60), Duration.ofSeconds(5));
    firstServer =
        InternalApiServer.start("127.0.0.1", 0, first, () -> signing, Clock.systemUTC(), limits);
    secondServer =
        InternalApiServer.start("127.0.0.1", 0, second, () -> signing, Clock.systemUTC(), limits);
    client =
        new InternalApiClient(
            SecretSource.fixed(InternalApiServerTest.SECRET), TIMEOUT, Clock.systemUTC());
    // The first calls of a JVM load the HTTP client's and the server's classes (seconds here).
    try (InternalApiClient patient =
        new InternalApiClient(
            SecretSource.fixed(InternalApiServerTest.SECRET),
            Duration.ofSeconds(30),
            Clock.systemUTC())) {
      new InternalApiOwnerChannel(patient)
          .ask(InternalApiServerTest.ID, List.of(task(firstServer), task(secondServer)));
    }
    return new InternalApiOwnerChannel(client);
  }

  @Test
  void asksEveryOwnerAndCombinesTheirFamilies() throws Exception {
    InternalApiOwnerChannel channel = start();
    first.own(InternalApiServerTest.ID, InternalApiServerTest.V4);
    second.own(InternalApiServerTest.ID, V6);
    Map<AddressFamily, OwnedState> exact =
        channel.ask(InternalApiServerTest.ID, List.of(task(firstServer), task(secondServer)));
    assertThat(exact)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(AddressFamily.IPV4, InternalApiServerTest.V4, AddressFamily.IPV6, V6));
  }

  @Test
  void whenTwoTasksClaimAFamilyTheHigherEpochWins() throws Exception {
    InternalApiOwnerChannel channel = start();
    OwnedState older =
        new OwnedState(
            AddressFamily.IPV6, 2, new ObservedAddress("2001:db8::1", 1), V6.lastPulseAt(), 0);
    first.own(InternalApiServerTest.ID, older);
    second.own(InternalApiServerTest.ID, V6);
    assertThat(
            channel.ask(InternalApiServerTest.ID, List.of(task(firstServer), task(secondServer))))
        .containsExactlyEntriesOf(Map.of(AddressFamily.IPV6, V6));
  }

  @Test
  void aStuckOrDeadOwnerIsLeftOutWithinTheTimeout() throws Exception {
    InternalApiOwnerChannel channel = start();
    first.own(InternalApiServerTest.ID, InternalApiServerTest.V4);
    second.stick();
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    TaskRecord dead =
        new TaskRecord(
            TaskId.random(new SecureRandom()),
            "127.0.0.1",
            closedPort,
            Instant.now(),
            Instant.now(),
            TaskState.SERVING,
            "dead");
    long start = System.nanoTime();
    Map<AddressFamily, OwnedState> exact =
        channel.ask(InternalApiServerTest.ID, List.of(task(secondServer), dead, task(firstServer)));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(exact)
        .containsExactlyEntriesOf(Map.of(AddressFamily.IPV4, InternalApiServerTest.V4));
    assertThat(took).isLessThan(TIMEOUT.plusMillis(1000));
    long notifyStart = System.nanoTime();
    channel.loggedOut(InternalApiServerTest.ID, List.of(task(firstServer), task(secondServer)));
    assertThat(Duration.ofNanos(System.nanoTime() - notifyStart))
        .isLessThan(TIMEOUT.plusMillis(1000));
    assertThat(first.calls()).contains("loggedOut " + InternalApiServerTest.ID);
  }

  private static TaskRecord task(InternalApiServer server) {
    return new TaskRecord(
        TaskId.random(new SecureRandom()),
        "127.0.0.1",
        server.port(),
        Instant.now(),
        Instant.now(),
        TaskState.SERVING,
        "test");
  }
}
