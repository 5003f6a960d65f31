package dev.rendezvous.edge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.edge.UdpProbe;
import dev.rendezvous.edge.V2Probe;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
import dev.rendezvous.store.dynamodb.DynamoClientRegistry;
import dev.rendezvous.store.dynamodb.DynamoStoreSettings;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two real edge processes on one table share one UDP port (SO_REUSEPORT: the kernel spreads flows
 * over their sockets, as an NLB spreads them over tasks). Clients pulse both; one edge is killed
 * with SIGKILL; the kernel moves its flows to the survivor, which takes the clients over. Every
 * client must get 1020 again within a generous bound, and nobody a wrong answer. The figures go to
 * docs/reliability.md.
 */
class KillOneEdgeTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();

  private static final int CLIENTS = 40;
  private static final Duration BOUND = Duration.ofSeconds(10);
  private static final Duration REPLY_WAIT = Duration.ofMillis(1500);
  private final Clock clock = Clock.systemUTC();

  @Test
  void whenAnEdgeIsKilledItsClientsAreTakenOverByTheOther() throws Exception {
    String table = DYNALITE.createTable();
    PulseTimings timings = new PulseTimings(10, 5, 60);
    DynamoClientRegistry registry =
        new DynamoClientRegistry(
            DYNALITE.syncClient(),
            DynamoStoreSettings.forTable(table),
            new LivenessRules(timings),
            clock);
    int port = EdgeProcess.freePort();
    Map<String, String> env = new HashMap<>();
    env.put("AWS_ENDPOINT_URL_DYNAMODB", DYNALITE.endpoint().toString());
    env.put("AWS_REGION", "us-east-1");
    env.put("RENDEZVOUS_TABLE", table);
    env.put("RENDEZVOUS_UDP_PORT", Integer.toString(port));
    env.put("RENDEZVOUS_BIND_ADDRESS", "127.0.0.1");
    env.put("RENDEZVOUS_EDGE_THREADS", "1");
    env.put("RENDEZVOUS_PULSE_INTERVAL_SECONDS", "10");
    env.put("RENDEZVOUS_GRACE_SECONDS", "5");
    env.put("RENDEZVOUS_ERROR_TIME_SECONDS", "60");
    env.put("RENDEZVOUS_CLOUDWATCH_METRICS", "false");

    CredentialFactory factory = new CredentialFactory();
    List<ClientCredentials> credentials = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      ClientCredentials c = factory.issue();
      registry.register(c);
      credentials.add(c);
    }
    try (EdgeProcess a = EdgeProcess.start("edge-a", env);
        EdgeProcess b = EdgeProcess.start("edge-b", env)) {
      List<Pulser> clients = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        clients.add(new Pulser(credentials.get(i), i % 2 == 0, port));
      }
      for (Pulser p : clients) {
        assertThat(p.pulse()).as("first pulse of " + p).isEqualTo(ResponseCode.ACCEPTED);
      }
      Map<Pulser, TaskId> owners = new HashMap<>();
      Map<TaskId, String> names = new HashMap<>();
      for (Pulser p : clients) {
        TaskId owner = ownerOf(p, registry);
        owners.put(p, owner);
        names.computeIfAbsent(owner, t -> registry.findTask(t).orElseThrow().label());
      }
      assertThat(names.values())
          .as("both edges own clients")
          .containsExactlyInAnyOrder(a.name, b.name);
      TaskId victim =
          owners.values().stream()
              .filter(t -> names.get(t).equals("edge-a"))
              .findFirst()
              .orElseThrow();
      List<Pulser> orphans = clients.stream().filter(p -> owners.get(p).equals(victim)).toList();

      long killedAt = System.nanoTime();
      a.kill();
      Map<Pulser, Long> recoveredAfterMillis = new HashMap<>();
      List<String> wrong = new ArrayList<>();
      while (System.nanoTime() - killedAt < BOUND.toNanos() * 2
          && recoveredAfterMillis.size() < clients.size()) {
        for (Pulser p : clients) {
          if (recoveredAfterMillis.containsKey(p)) {
            continue;
          }
          ResponseCode code = p.pulse();
          if (code == ResponseCode.ACCEPTED) {
            recoveredAfterMillis.put(p, (System.nanoTime() - killedAt) / 1_000_000);
          } else if (code != null) {
            wrong.add(p + " got " + code);
          }
        }
      }
      List<Long> orphanTimes =
          orphans.stream().map(p -> recoveredAfterMillis.getOrDefault(p, -1L)).sorted().toList();
      System.out.println(
          "kill -9: "
              + orphans.size()
              + " of "
              + clients.size()
              + " clients were on the killed edge; ms from the kill to their next 1020: "
              + orphanTimes);
      assertThat(wrong).as("wrong answers").isEmpty();
      assertThat(recoveredAfterMillis).as("every client answered 1020 again").hasSize(CLIENTS);
      assertThat(orphanTimes.get(orphanTimes.size() - 1)).isLessThan(BOUND.toMillis());
      for (Pulser p : orphans) {
        assertThat(ownerOf(p, registry)).as("re-homed").isNotEqualTo(victim);
      }
      clients.forEach(Pulser::close);
    }
  }

  /** One client on its own socket (its own flow), v1 or v2. */
  /** The task that owns the client's IPv4 family, as the directory says. */
  private static TaskId ownerOf(Pulser p, DynamoClientRegistry registry) {
    return registry
        .find(p.credentials.clientId())
        .orElseThrow()
        .family(AddressFamily.IPV4)
        .orElseThrow()
        .owner()
        .orElseThrow()
        .task();
  }

  private final class Pulser implements AutoCloseable {
    final ClientCredentials credentials;
    private final boolean v2;
    private final UdpProbe v1Socket;
    private final V2Probe v2Socket;

    Pulser(ClientCredentials credentials, boolean v2, int port) {
      this.credentials = credentials;
      this.v2 = v2;
      this.v1Socket = v2 ? null : new UdpProbe(port);
      this.v2Socket = v2 ? new V2Probe(credentials, port, clock) : null;
    }

    ResponseCode pulse() {
      if (v2) {
        return v2Socket.pulse(REPLY_WAIT);
      }
      byte[] reply = v1Socket.exchange(credentials.privateKey().toBytes(), REPLY_WAIT);
      return reply == null ? null : PulseV1ReplyCodec.decode(reply);
    }

    @Override
    public String toString() {
      return (v2 ? "v2 " : "v1 ") + credentials.clientId().hex();
    }

    @Override
    public void close() {
      if (v2) {
        v2Socket.close();
      } else {
        v1Socket.close();
      }
    }
  }
}
