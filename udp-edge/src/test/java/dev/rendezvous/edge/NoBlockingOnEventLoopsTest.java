package dev.rendezvous.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.rendezvous.core.directory.LiveDirectory;
import dev.rendezvous.core.directory.OwnedState;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.internalapi.InternalApiClient;
import dev.rendezvous.internalapi.InternalEndpoint;
import dev.rendezvous.internalapi.SecretSource;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
import dev.rendezvous.store.dynamodb.DynamoClientFactory;
import dev.rendezvous.store.dynamodb.DynamoClientRegistry;
import dev.rendezvous.store.dynamodb.DynamoStoreSettings;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.blockhound.BlockHound;

/**
 * BlockHound watches the edge's event loop threads while the whole edge works against dynalite:
 * takeovers (reads, task reads, conditional writes), pulses from memory, address moves, checkpoints
 * and PENDING writes, heartbeats, the internal API. The SDK client gets container credentials from
 * a local endpoint that hands out credentials close to expiry, through the client the edge builds
 * for itself ({@link DynamoDirectories}: the SDK's default chain with {@code
 * asyncCredentialUpdateEnabled}); without that flag a refresh runs on the calling thread, which
 * here is an event loop.
 */
class NoBlockingOnEventLoopsTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();

  private static final List<String> BLOCKING = new CopyOnWriteArrayList<>();
  private static final Clock CLOCK = Clock.systemUTC();

  static {
    BlockHound.builder()
        .loadIntegrations()
        .nonBlockingThreadPredicate(
            current -> t -> t.getName().startsWith(EdgeServer.THREAD_PREFIX))
        .blockingMethodCallback(
            method -> BLOCKING.add(method + " on " + Thread.currentThread().getName()))
        .install();
  }

  @Test
  void noBlockingCallRunsOnAnEdgeLoop() throws Exception {
    assumeTrue(
        System.getenv("AWS_ACCESS_KEY_ID") == null
            && System.getProperty("aws.accessKeyId") == null
            && System.getenv("AWS_PROFILE") == null
            && !Files.exists(Path.of(System.getProperty("user.home"), ".aws")),
        "AWS credentials in this environment would come before the container endpoint");
    AtomicInteger credentialFetches = new AtomicInteger();
    HttpServer credentials =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    credentials.createContext(
        "/creds",
        exchange -> {
          credentialFetches.incrementAndGet();
          byte[] body =
              ("{\"AccessKeyId\":\"local\",\"SecretAccessKey\":\"local\",\"Token\":\"t\","
                      + "\"Expiration\":\""
                      + Instant.now().plus(Duration.ofMinutes(2))
                      + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    credentials.start();
    // What ECS sets in a task (here as the SDK's system property, not the environment).
    String credentialsUri = "http://127.0.0.1:" + credentials.getAddress().getPort() + "/creds";
    System.setProperty("aws.containerCredentialsFullUri", credentialsUri);
    String table = DYNALITE.createTable();
    Map<String, String> env = EdgeOnDynaliteTest.environment();
    env.put("RENDEZVOUS_CHECKPOINT_INTERVALS", "1");
    env.put("RENDEZVOUS_TABLE", table);
    env.put(DynamoClientFactory.ENDPOINT_VARIABLE, DYNALITE.endpoint().toString());
    env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", credentialsUri);
    EdgeSettings settings = EdgeSettings.fromEnvironment(env);
    DynamoStoreSettings store = DynamoStoreSettings.forTable(table);
    LivenessRules rules = new LivenessRules(settings.shared().timings());
    DynamoClientRegistry registry =
        new DynamoClientRegistry(DYNALITE.syncClient(), store, rules, CLOCK);
    CredentialFactory factory = new CredentialFactory();
    // The edge's own DynamoDB client, as EdgeMain builds it: the SDK's default credential chain,
    // which finds the container endpoint above and must refresh it off the event loops.
    List<AutoCloseable> resources = new ArrayList<>();
    LiveDirectory directory = DynamoDirectories.create(settings, env, CLOCK, resources);
    try (Edge edge = Edge.start(settings, directory, CLOCK);
        InternalApiClient internal =
            new InternalApiClient(
                SecretSource.fixed(edge.internalSecret()), Duration.ofSeconds(5), CLOCK)) {
      for (int i = 0; i < 6; i++) {
        ClientCredentials v1 = factory.issue();
        ClientCredentials v2 = factory.issue();
        registry.register(v1);
        registry.register(v2);
        try (UdpProbe a = new UdpProbe(edge.udpPort());
            UdpProbe moved = new UdpProbe(edge.udpPort());
            V2Probe b = new V2Probe(v2, edge.udpPort(), CLOCK)) {
          byte[] key = v1.privateKey().toBytes();
          assertThat(PulseV1ReplyCodec.decode(a.exchange(key, Duration.ofSeconds(5))))
              .isEqualTo(ResponseCode.ACCEPTED);
          assertThat(PulseV1ReplyCodec.decode(moved.exchange(key, Duration.ofSeconds(5))))
              .as("address move")
              .isEqualTo(ResponseCode.ACCEPTED);
          assertThat(b.pulse(Duration.ofSeconds(5))).isEqualTo(ResponseCode.ACCEPTED);
          List<OwnedState> owned =
              internal
                  .lookUp(new InternalEndpoint("127.0.0.1", edge.internalPort()), v2.clientId())
                  .get(10, TimeUnit.SECONDS);
          assertThat(owned).hasSize(1);
        }
        Thread.sleep(1_000); // timers: checkpoints every 2 s, PENDING after 3 s of silence
      }
      assertThat(edge.metrics().directoryWrites("pending", "written")).isPositive();
      assertThat(edge.metrics().directoryWrites("checkpoint", "written")).isPositive();
    } finally {
      credentials.stop(0);
      System.clearProperty("aws.containerCredentialsFullUri");
      for (AutoCloseable resource : resources) {
        resource.close();
      }
    }
    assertThat(credentialFetches.get()).as("credentials were refreshed").isGreaterThan(1);
    assertThat(BLOCKING).as("blocking calls on the edge's event loops").isEmpty();
  }
}
