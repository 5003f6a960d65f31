package dev.rendezvous.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.FamilyEntry;
import dev.rendezvous.core.directory.OwnedState;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.core.directory.TaskState;
import dev.rendezvous.core.registry.ObservedAddress;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The whole edge on real sockets over the real DynamoDB directory (dynalite): pulses, ownership in
 * the directory, the heartbeat item, the internal API, and throttled storage.
 */
class EdgeOnDynaliteTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();

  private static final Duration REPLY_WAIT = Duration.ofSeconds(5);
  private static final Clock CLOCK = Clock.systemUTC();
  private static final CredentialFactory CREDENTIALS = new CredentialFactory();
  private static final ThrottlingInterceptor THROTTLE = new ThrottlingInterceptor();
  private static final OperationCounter OPS = new OperationCounter();

  private static Edge edge;
  private static DynamoClientRegistry registry;
  private static DynamoDbAsyncClient async;

  @BeforeAll
  static void startEdge() throws Exception {
    Map<String, String> env = environment();
    EdgeSettings settings = EdgeSettings.fromEnvironment(env);
    DynamoStoreSettings store = DynamoStoreSettings.forTable(DYNALITE.createTable());
    LivenessRules rules = new LivenessRules(settings.shared().timings());
    registry = new DynamoClientRegistry(DYNALITE.syncClient(), store, rules, CLOCK);
    async =
        DynamoDbAsyncClient.builder()
            .endpointOverride(DYNALITE.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(NettyNioAsyncHttpClient.builder().maxConcurrency(64).build())
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .addExecutionInterceptor(THROTTLE)
                    .addExecutionInterceptor(OPS)
                    .build())
            .build();
    edge = Edge.start(settings, new DynamoLiveDirectory(async, store, rules, CLOCK), CLOCK);
  }

  public static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("RENDEZVOUS_PULSE_INTERVAL_SECONDS", "2");
    env.put("RENDEZVOUS_GRACE_SECONDS", "1");
    env.put("RENDEZVOUS_ERROR_TIME_SECONDS", "4");
    env.put("RENDEZVOUS_UDP_PORT", "0");
    env.put("RENDEZVOUS_HEALTH_PORT", "0");
    env.put("RENDEZVOUS_INTERNAL_PORT", "0");
    env.put("RENDEZVOUS_BIND_ADDRESS", "127.0.0.1");
    env.put("RENDEZVOUS_EDGE_THREADS", "2");
    env.put("RENDEZVOUS_EDGE_STORAGE_TIMEOUT_MILLIS", "3000");
    env.put("RENDEZVOUS_EDGE_SOURCE_RATE_PER_SECOND", "10000");
    env.put("RENDEZVOUS_EDGE_SOURCE_BURST", "10000");
    env.put("RENDEZVOUS_EDGE_CLIENT_RATE_PER_SECOND", "100");
    env.put("RENDEZVOUS_EDGE_CLIENT_BURST", "100");
    return env;
  }

  @AfterAll
  static void stopEdge() {
    edge.close();
    async.close();
  }

  private static ClientCredentials register() {
    ClientCredentials c = CREDENTIALS.issue();
    registry.register(c);
    return c;
  }

  private static FamilyEntry v4(ClientCredentials c) {
    return registry.find(c.clientId()).orElseThrow().family(AddressFamily.IPV4).orElseThrow();
  }

  private static ResponseCode v1(UdpProbe probe, ClientCredentials c) {
    byte[] reply = probe.exchange(c.privateKey().toBytes(), REPLY_WAIT);
    assertThat(reply).as("a v1 reply").isNotNull().hasSize(4);
    return PulseV1ReplyCodec.decode(reply);
  }

  @Test
  void aV1PulseTakesOwnershipWithTheDatagramsSourceThenIsAnsweredFromMemory() {
    ClientCredentials c = register();
    try (UdpProbe probe = new UdpProbe(edge.udpPort())) {
      assertThat(v1(probe, c)).isEqualTo(ResponseCode.ACCEPTED);
      FamilyEntry family = v4(c);
      assertThat(family.owner().orElseThrow().task()).isEqualTo(edge.task());
      assertThat(family.address()).isEqualTo(new ObservedAddress("127.0.0.1", probe.localPort()));

      int calls = OPS.total();
      assertThat(v1(probe, c)).isEqualTo(ResponseCode.ACCEPTED);
      byte[] hex = c.privateKey().revealHex().getBytes(StandardCharsets.US_ASCII);
      assertThat(PulseV1ReplyCodec.decode(probe.exchange(hex, REPLY_WAIT)))
          .isEqualTo(ResponseCode.ACCEPTED);
      assertThat(OPS.total()).as("no storage call for an owned client").isEqualTo(calls);
    }
  }

  @Test
  void aV2ClientAnswersTheChallengeAndIsOwned() {
    ClientCredentials c = register();
    try (V2Probe probe = new V2Probe(c, edge.udpPort(), CLOCK)) {
      assertThat(probe.pulse(REPLY_WAIT)).isEqualTo(ResponseCode.ACCEPTED);
      assertThat(probe.pulse(REPLY_WAIT)).isEqualTo(ResponseCode.ACCEPTED);
      assertThat(v4(c).owner().orElseThrow().task()).isEqualTo(edge.task());
    }
  }

  @Test
  void unknownV1KeyGets1060AndUnknownV2GetsSilence() {
    try (UdpProbe probe = new UdpProbe(edge.udpPort());
        V2Probe v2 = new V2Probe(CREDENTIALS.issue(), edge.udpPort(), CLOCK)) {
      assertThat(v1(probe, CREDENTIALS.issue())).isEqualTo(ResponseCode.UNKNOWN);
      assertThat(v2.pulse(Duration.ofMillis(500))).isNull();
    }
  }

  @Test
  void theHeartbeatAdvertisesTheInternalApiWhichAnswersWithTheExactLastPulse() throws Exception {
    TaskRecord task = registry.findTask(edge.task()).orElseThrow();
    assertThat(task.state()).isEqualTo(TaskState.SERVING);
    assertThat(task.internalPort()).isEqualTo(edge.internalPort());
    ClientCredentials c = register();
    try (UdpProbe probe = new UdpProbe(edge.udpPort());
        InternalApiClient client =
            new InternalApiClient(
                SecretSource.fixed(edge.internalSecret()), Duration.ofSeconds(5), CLOCK)) {
      v1(probe, c);
      long afterPulse = CLOCK.millis();

      List<OwnedState> states =
          client.lookUp(InternalEndpoint.of(task), c.clientId()).get(10, TimeUnit.SECONDS);

      assertThat(states).hasSize(1);
      assertThat(states.get(0).address())
          .isEqualTo(new ObservedAddress("127.0.0.1", probe.localPort()));
      assertThat(states.get(0).lastPulseAt().toEpochMilli()).isLessThanOrEqualTo(afterPulse);
    }
  }

  @Test
  void whileStorageThrottlesOwnedClientsAreAnsweredAndNewOnesGetSilenceNeverA1060() {
    ClientCredentials owned = register();
    try (UdpProbe a = new UdpProbe(edge.udpPort());
        UdpProbe b = new UdpProbe(edge.udpPort())) {
      assertThat(v1(a, owned)).isEqualTo(ResponseCode.ACCEPTED);
      ClientCredentials fresh = register(); // ONLINE for the 3 s window from now
      THROTTLE.throttle(true);
      try {
        assertThat(v1(a, owned)).isEqualTo(ResponseCode.ACCEPTED);
        assertThat(b.exchange(fresh.privateKey().toBytes(), Duration.ofSeconds(1))).isNull();
      } finally {
        THROTTLE.throttle(false);
      }
      assertThat(v1(b, fresh)).isEqualTo(ResponseCode.ACCEPTED);
    }
  }
}
