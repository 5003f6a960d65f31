package dev.rendezvous.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.rendezvous.core.directory.OwnedState;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.internalapi.InternalApiClient;
import dev.rendezvous.internalapi.InternalEndpoint;
import dev.rendezvous.internalapi.SecretSource;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
import dev.rendezvous.store.dynamodb.DynamoClientRegistry;
import dev.rendezvous.store.dynamodb.DynamoLiveDirectory;
import dev.rendezvous.store.dynamodb.DynamoStoreSettings;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.blockhound.BlockHound;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * BlockHound watches the edge's event loop threads while the whole edge works against dynalite:
 * takeovers (reads, task reads, conditional writes), pulses from memory, address moves, checkpoints
 * and PENDING writes, heartbeats, the internal API. The SDK client gets container credentials from
 * a local endpoint that hands out credentials close to expiry, refreshed in the background as in
 * production ({@code asyncCredentialUpdateEnabled}); with the SDK's default provider a refresh ran
 * on the calling thread, which here is an event loop.
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
    System.setProperty(
        "aws.containerCredentialsFullUri",
        "http://127.0.0.1:" + credentials.getAddress().getPort() + "/creds");
    Map<String, String> env = EdgeOnDynaliteTest.environment();
    env.put("RENDEZVOUS_CHECKPOINT_INTERVALS", "1");
    EdgeSettings settings = EdgeSettings.fromEnvironment(env);
    DynamoStoreSettings store = DynamoStoreSettings.forTable(DYNALITE.createTable());
    LivenessRules rules = new LivenessRules(settings.shared().timings());
    DynamoClientRegistry registry =
        new DynamoClientRegistry(DYNALITE.syncClient(), store, rules, CLOCK);
    CredentialFactory factory = new CredentialFactory();
    try (DynamoDbAsyncClient async =
            DynamoDbAsyncClient.builder()
                .endpointOverride(DYNALITE.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(
                    ContainerCredentialsProvider.builder()
                        .asyncCredentialUpdateEnabled(true)
                        .build())
                .httpClient(NettyNioAsyncHttpClient.builder().maxConcurrency(64).build())
                .build();
        Edge edge =
            Edge.start(settings, new DynamoLiveDirectory(async, store, rules, CLOCK), CLOCK);
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
    }
    assertThat(credentialFetches.get()).as("credentials were refreshed").isGreaterThan(1);
    assertThat(BLOCKING).as("blocking calls on the edge's event loops").isEmpty();
  }
}
