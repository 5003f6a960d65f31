package dev.rendezvous.edge.reliability;

import static dev.rendezvous.testkit.Await.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.TaskState;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.edge.Edge;
import dev.rendezvous.edge.EdgeOnDynaliteTest;
import dev.rendezvous.edge.EdgeSettings;
import dev.rendezvous.edge.reliability.PulsingClients.Client;
import dev.rendezvous.edge.reliability.PulsingClients.Reply;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.store.dynamodb.DynamoClientRegistry;
import dev.rendezvous.store.dynamodb.DynamoLiveDirectory;
import dev.rendezvous.store.dynamodb.DynamoStoreSettings;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The edge restarted under steady pulses: the old task drains (its heartbeat says so) and closes
 * while clients keep pulsing, a new task (empty live table) binds the same UDP port over the same
 * table, and every client's next pulse is accepted: v1 at once, v2 after answering the new task's
 * challenge, with its counter simply continuing. The old task was draining, so the new one answers
 * from the directory at once and writes the takeovers deferred; they all land. Nobody re-registers.
 */
class EdgeRestartTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();

  private static final int V1_CLIENTS = 3;
  private static final int V2_CLIENTS = 3;
  private static final Duration BIND_DEADLINE = Duration.ofSeconds(15);

  private final Clock clock = Clock.systemUTC();

  @Test
  void everyClientsNextPulseAfterARestartIsAccepted() throws Exception {
    Map<String, String> env = new HashMap<>(EdgeOnDynaliteTest.environment());
    env.put("RENDEZVOUS_PULSE_INTERVAL_SECONDS", "30");
    env.put("RENDEZVOUS_GRACE_SECONDS", "5");
    env.put("RENDEZVOUS_ERROR_TIME_SECONDS", "180");
    env.put("RENDEZVOUS_EDGE_DRAIN_SECONDS", "10");
    env.put("RENDEZVOUS_INTERNAL_PORT", "0");
    EdgeSettings first = EdgeSettings.fromEnvironment(env);
    DynamoStoreSettings store = DynamoStoreSettings.forTable(DYNALITE.createTable());
    LivenessRules rules = new LivenessRules(first.shared().timings());
    DynamoClientRegistry registry =
        new DynamoClientRegistry(DYNALITE.syncClient(), store, rules, clock);

    try (DynamoDbAsyncClient async = DYNALITE.newAsyncClient(16);
        PulsingClients clients = new PulsingClients(clock)) {
      Edge old = Edge.start(first, new DynamoLiveDirectory(async, store, rules, clock), clock);
      int port = old.udpPort();
      Edge next = null;
      try {
        CredentialFactory credentials = new CredentialFactory();
        for (int i = 0; i < V1_CLIENTS + V2_CLIENTS; i++) {
          ClientCredentials c = credentials.issue();
          registry.register(c);
          clients.add(c, i >= V1_CLIENTS, port);
        }
        Map<Client, Instant> registeredAt = new HashMap<>();
        for (Client c : clients.all()) {
          registeredAt.put(c, registry.find(c.credentials.clientId()).orElseThrow().registeredAt());
        }
        assertThat(acceptedInOneRound(clients)).hasSize(V1_CLIENTS + V2_CLIENTS);

        // Graceful shutdown while the clients keep pulsing: anything answered is a 1020.
        CompletableFuture<Void> closing = CompletableFuture.runAsync(old::close);
        List<ResponseCode> duringShutdown = new ArrayList<>();
        do {
          for (Reply r : clients.round(1, Duration.ofMillis(100))) {
            duringShutdown.add(r.code());
          }
        } while (!closing.isDone());
        closing.get(30, TimeUnit.SECONDS);
        assertThat(duringShutdown)
            .as("replies while draining")
            .allMatch(ResponseCode.ACCEPTED::equals, "1020");
        assertThat(old.inFlight()).as("drained").isZero();

        Map<String, String> sameEnv = new HashMap<>(env);
        sameEnv.put("RENDEZVOUS_UDP_PORT", Integer.toString(port));
        next =
            startOnPort(
                EdgeSettings.fromEnvironment(sameEnv),
                new DynamoLiveDirectory(async, store, rules, clock));
        assertThat(next.udpPort()).isEqualTo(port);

        // Every client's next pulse (one each, no retries) is accepted by the new edge.
        Set<Client> accepted = acceptedInOneRound(clients);
        assertThat(accepted)
            .as("clients answered 1020 on their first pulse after the restart")
            .containsExactlyInAnyOrderElementsOf(clients.all());
        // A reply can reach the client before the edge's loop has counted it (and a storage
        // call's in-flight slot is freed before its continuation replies): wait for the count.
        Edge restarted = next;
        awaitUntil(
            Duration.ofSeconds(10),
            () -> restarted.metrics().replies(ResponseCode.ACCEPTED) >= V1_CLIENTS + V2_CLIENTS,
            "the new edge to count its 1020s");
        awaitIdle(next);
        assertThat(next.metrics().replies(ResponseCode.ACCEPTED))
            .isEqualTo(V1_CLIENTS + V2_CLIENTS);
        assertThat(registry.findTask(old.task()).orElseThrow().state())
            .as("the old task said it was draining")
            .isEqualTo(TaskState.DRAINING);
        // Deferred takeovers (the old owner drained) land within a few ticks.
        Edge started = next;
        awaitUntil(
            Duration.ofSeconds(10),
            () -> started.metrics().directoryWrites("takeover", "taken") == V1_CLIENTS + V2_CLIENTS,
            "the deferred takeovers landed");

        for (Client c : clients.all()) {
          DirectoryEntry stored = registry.find(c.credentials.clientId()).orElseThrow();
          assertThat(stored.registeredAt()).as("not re-registered").isEqualTo(registeredAt.get(c));
          assertThat(stored.family(AddressFamily.IPV4).orElseThrow().owner().orElseThrow().task())
              .as("owned by the new task")
              .isEqualTo(next.task());
          assertThat(stored.latestAddress())
              .contains(new ObservedAddress("127.0.0.1", c.localPort()));
          if (c.v2) {
            assertThat(stored.highestCounter())
                .as("v2 counter continued")
                .isEqualTo(c.lastAcceptedCounter());
            assertThat(c.challengesAnswered()).as("one challenge per task").isEqualTo(2);
          }
        }
      } finally {
        old.close();
        if (next != null) {
          next.close();
        }
      }
    }
  }

  /**
   * A restart onto a port another process still holds (no SO_REUSEPORT) must fail cleanly: an
   * unchecked exception that {@code EdgeMain} turns into exit status 1, and no event-loop threads
   * left behind to keep a half-started process alive.
   */
  @Test
  void aPortHeldByAnotherSocketFailsTheStartWithoutLeakingThreads() throws Exception {
    Set<Thread> before = liveNonDaemonThreads();
    try (DatagramSocket squatter =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      Map<String, String> env = new HashMap<>(EdgeOnDynaliteTest.environment());
      env.put("RENDEZVOUS_UDP_PORT", Integer.toString(squatter.getLocalPort()));
      EdgeSettings settings = EdgeSettings.fromEnvironment(env);
      DynamoStoreSettings store = DynamoStoreSettings.forTable(DYNALITE.createTable());
      LivenessRules rules = new LivenessRules(settings.shared().timings());
      try (DynamoDbAsyncClient async = DYNALITE.newAsyncClient(4)) {
        DynamoLiveDirectory directory = new DynamoLiveDirectory(async, store, rules, clock);
        assertThatThrownBy(() -> Edge.start(settings, directory, clock).close())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(Integer.toString(squatter.getLocalPort()));
      }
    }
    awaitUntil(
        Duration.ofSeconds(5),
        () -> {
          Set<Thread> leaked = new HashSet<>(liveNonDaemonThreads());
          leaked.removeAll(before);
          assertThat(leaked).as("non-daemon threads left by the failed start").isEmpty();
          return true;
        },
        "the failed start's threads to end");
  }

  private static Set<Thread> liveNonDaemonThreads() {
    Set<Thread> threads = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && !t.isDaemon()) {
        threads.add(t);
      }
    }
    return threads;
  }

  /** Waits until the edge holds no pulse: by then every reply it sent is counted. */
  private static void awaitIdle(Edge edge) {
    awaitUntil(Duration.ofSeconds(10), () -> edge.inFlight() == 0, "no pulse in flight");
    assertThat(edge.inFlight()).as("pulses in flight").isZero();
  }

  /** One pulse per client, then the clients whose reply (within 5 s) was a 1020. */
  private static Set<Client> acceptedInOneRound(PulsingClients clients) {
    Set<Client> accepted = new HashSet<>();
    List<ResponseCode> other = new ArrayList<>();
    for (Reply r : clients.round(1, Duration.ofSeconds(5))) {
      if (r.code() == ResponseCode.ACCEPTED) {
        accepted.add(r.client());
      } else {
        other.add(r.code());
      }
    }
    assertThat(other).as("replies other than 1020").isEmpty();
    return accepted;
  }

  /** Binds the new edge to the old port; retries while the kernel still holds it. */
  private Edge startOnPort(EdgeSettings settings, DynamoLiveDirectory directory) {
    AtomicReference<Edge> started = new AtomicReference<>();
    // Netty rethrows the bind failure (a checked exception) unchecked: any exception is "not yet".
    awaitUntil(
        BIND_DEADLINE,
        () -> {
          started.set(Edge.start(settings, directory, clock));
          return true;
        },
        "the new edge to bind the old port again");
    return started.get();
  }
}
