package dev.rendezvous.client.testserver;

import dev.rendezvous.core.config.RendezvousSettings;
import dev.rendezvous.core.directory.LiveDirectory;
import dev.rendezvous.core.directory.memory.InMemoryDirectory;
import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.core.service.RendezvousService;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.protocol.net.HostText;
import dev.rendezvous.store.dynamodb.DynamoClientFactory;
import dev.rendezvous.store.dynamodb.DynamoClientRegistry;
import dev.rendezvous.store.dynamodb.DynamoLiveDirectory;
import dev.rendezvous.store.dynamodb.DynamoStoreSettings;
import dev.rendezvous.store.dynamodb.TableBootstrap;
import dev.rendezvous.testkit.MutableClock;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A real, small rendezvous server for the SDK's tests, built from what the client branch has: the
 * core {@link RendezvousService} and {@link InMemoryDirectory} behind the JDK's HTTP server (the
 * five routes) and one or more real UDP edge ports (v1 and v2). Not a mock: every answer comes from
 * the core rules. The real edge and local server live in their own modules.
 *
 * <p>{@link #main} runs it as a process (the NAT test starts it inside a network namespace): {@code
 * --bind 203.0.113.1 --http 5025 --udp 5024,5026 [--dynamodb http://127.0.0.1:PORT]} ({@code --udp
 * none}: HTTP only, for the real edge; {@code --dynamodb}: clients in DynamoDB through the real
 * store, else in memory). It prints {@code READY ...} once listening and one {@code PULSE
 * <client_id> <host>:<port> edge=<port> v<n> <outcome>} line per pulse.
 */
public final class TestRendezvousServer implements AutoCloseable, AfterEachCallback {
  private final ClientRegistry registry;
  private final DirectoryPulses directoryPulses;
  private final TestHttpRoutes http;
  private final List<TestUdpEdge> edges = new ArrayList<>();
  private final List<RecordedPulse> pulses = new CopyOnWriteArrayList<>();

  private TestRendezvousServer(
      InetAddress bind,
      int httpPort,
      int[] udpPorts,
      LivenessRules rules,
      ClientRegistry registry,
      LiveDirectory live,
      Clock clock,
      boolean v1Enabled,
      PrintStream log)
      throws IOException {
    this.registry = registry;
    this.directoryPulses = new DirectoryPulses(live, rules.timings(), clock);
    RendezvousService service =
        new RendezvousService(registry, new CredentialFactory(), rules, clock);
    this.http = new TestHttpRoutes(service, new InetSocketAddress(bind, httpPort));
    try {
      for (int port : udpPorts) {
        edges.add(
            new TestUdpEdge(
                new InetSocketAddress(bind, port),
                directoryPulses,
                clock,
                v1Enabled,
                p -> {
                  pulses.add(p);
                  if (log != null) {
                    log.println(
                        "PULSE "
                            + p.clientId()
                            + " "
                            + p.source().host()
                            + ":"
                            + p.source().port()
                            + " edge="
                            + p.edgePort()
                            + " v"
                            + p.version()
                            + " "
                            + p.outcome());
                  }
                }));
      }
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  /** On loopback, free ports, two edge ports (main + probe), v1 enabled. */
  public static TestRendezvousServer start(PulseTimings timings, Clock clock) throws IOException {
    LivenessRules rules = new LivenessRules(timings);
    InMemoryDirectory store = new InMemoryDirectory(rules, clock);
    return new TestRendezvousServer(
        InetAddress.getLoopbackAddress(),
        0,
        new int[] {0, 0},
        rules,
        store,
        store.live(),
        clock,
        true,
        null);
  }

  /**
   * For a test's {@code @RegisterExtension} field: a server with the default timings on a clock
   * that follows system time, closed after each test.
   */
  public static TestRendezvousServer forEachTest() {
    try {
      return start(PulseTimings.DEFAULTS, MutableClock.followingSystemTime());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  public URI baseUrl() {
    InetSocketAddress a = http.address();
    return URI.create("http://" + HostText.of(a));
  }

  /** The main edge port. */
  public InetSocketAddress edge() {
    return edges.get(0).address();
  }

  /** The second edge port, for the NAT mapping probe. */
  public InetSocketAddress probeEdge() {
    return edges.get(1).address();
  }

  /** Every pulse handled so far, in order. */
  public List<RecordedPulse> pulses() {
    return List.copyOf(pulses);
  }

  public ClientRegistry registry() {
    return registry;
  }

  /** Records pulses in the directory as the edge would, without sending one. */
  public DirectoryPulses directoryPulses() {
    return directoryPulses;
  }

  @Override
  public void close() {
    http.close();
    edges.forEach(TestUdpEdge::close);
  }

  public static void main(String[] args) throws Exception {
    InetAddress bind = InetAddress.getLoopbackAddress();
    int httpPort = 5025;
    int[] udp = {5024, 5026};
    long interval = 30;
    long grace = 5;
    long error = 180;
    URI dynamodb = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--bind" -> bind = InetAddress.getByName(v);
        case "--http" -> httpPort = Integer.parseInt(v);
        case "--udp" ->
            udp =
                v.equals("none")
                    ? new int[0]
                    : java.util.Arrays.stream(v.split(",", -1))
                        .mapToInt(Integer::parseInt)
                        .toArray();
        case "--interval" -> interval = Long.parseLong(v);
        case "--grace" -> grace = Long.parseLong(v);
        case "--error" -> error = Long.parseLong(v);
        case "--dynamodb" -> dynamodb = URI.create(v);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    LivenessRules rules = new LivenessRules(new PulseTimings(interval, grace, error));
    Clock clock = Clock.systemUTC();
    ClientRegistry registry;
    LiveDirectory live;
    if (dynamodb == null) {
      InMemoryDirectory store = new InMemoryDirectory(rules, clock);
      registry = store;
      live = store.live();
      out.println("store: in memory");
    } else {
      DynamoClientFactory clients = DynamoClientFactory.forLocalEndpoint(dynamodb);
      DynamoDbClient sync = clients.syncClient();
      String table = RendezvousSettings.DEFAULT_TABLE;
      TableBootstrap.ensureTable(sync, table);
      DynamoStoreSettings settings = DynamoStoreSettings.forTable(table);
      registry = new DynamoClientRegistry(sync, settings, rules, clock);
      live = new DynamoLiveDirectory(clients.asyncClient(64), settings, rules, clock);
      out.println("store: DynamoDB at " + dynamodb + ", table " + table);
    }
    TestRendezvousServer server =
        new TestRendezvousServer(bind, httpPort, udp, rules, registry, live, clock, true, out);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    out.println(
        "READY http="
            + server.baseUrl()
            + (server.edges.isEmpty() ? " udp=none" : " udp=" + server.edge())
            + (server.edges.size() > 1 ? " probe=" + server.probeEdge() : ""));
    new CountDownLatch(1).await();
  }
}
