package dev.rendezvous.local;

import static dev.rendezvous.testkit.Await.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.InternalSecret;
import dev.rendezvous.core.directory.Takeover;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.core.directory.TaskState;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.internalapi.InternalApiClient;
import dev.rendezvous.internalapi.InternalApiException;
import dev.rendezvous.internalapi.InternalEndpoint;
import dev.rendezvous.internalapi.SecretSource;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.PrivateKey;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The routes and a real edge together, as in the local run: the HTTP server asks the client's live
 * owner over the internal API and answers from the exact state; a hung or dead owner leaves the
 * directory's values within the timeout; logout and verify reach the owner at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveOwnersEndToEndTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();

  /** Generous for these shared, loaded machines; what is checked is "bounded", not "fast". */
  private static final Duration OWNER_TIMEOUT = Duration.ofSeconds(1);

  private LocalStack stack;
  private PrivateKey alice;

  @BeforeAll
  void start() throws Exception {
    stack = new LocalStack(DYNALITE, OWNER_TIMEOUT);
    alice = stack.register();
    // The first status of a JVM loads the client's classes: keep it out of the measured tests.
    stack.status(alice, alice);
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void lastOnlineIsExactWhileTheOwnerIsUp() throws Exception {
    PrivateKey bob = stack.register();
    assertThat(stack.pulse(bob)).isEqualTo(ResponseCode.ACCEPTED); // the takeover writes this one
    Thread.sleep(2_500);
    assertThat(stack.pulse(bob)).isEqualTo(ResponseCode.ACCEPTED); // only the owner knows this one
    JsonNode status = stack.status(alice, bob);
    assertThat(status.get("status").asText()).isEqualTo("ONLINE");
    assertThat(status.get("last_online").asDouble())
        .as("seconds since the second pulse (the directory still says the first, 2.5 s earlier)")
        .isLessThan(1.5);
    JsonNode udp =
        LocalStack.JSON.readTree(
            stack.send("GET", "/peer/" + bob.clientId().hex() + "/udp", alice).body());
    assertThat(udp.get("port").asInt()).isEqualTo(stack.udpSourcePort());
  }

  @Test
  void aHungOrDeadOwnerLeavesTheDirectorysValuesWithinTheTimeout() throws Exception {
    try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int deadPort;
      try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        deadPort = closed.getLocalPort();
      }
      for (int port : new int[] {hung.getLocalPort(), deadPort}) {
        PrivateKey carol = stack.register();
        Instant pulseAt = ownedByAFakeTask(carol, port);
        long start = System.nanoTime();
        JsonNode status = stack.status(alice, carol);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(status.get("status").asText()).as("the lease").isEqualTo("ONLINE");
        assertThat(status.get("last_online").asDouble())
            .as("from the directory's pulse time")
            .isGreaterThanOrEqualTo(
                Duration.between(pulseAt, Instant.now()).toMillis() / 1000.0
                    - took.toMillis() / 1000.0
                    - 0.01);
        assertThat(took)
            .as("bounded by the owner timeout")
            .isLessThan(OWNER_TIMEOUT.plusSeconds(2));
      }
    }
  }

  @Test
  void logoutReachesTheOwnerSoTheNextPulseGets1060() throws Exception {
    PrivateKey dave = stack.register();
    assertThat(stack.pulse(dave)).isEqualTo(ResponseCode.ACCEPTED);
    assertThat(stack.send("POST", "/logout", dave).statusCode()).isEqualTo(200);
    assertThat(stack.pulse(dave)).isEqualTo(ResponseCode.UNKNOWN);
  }

  @Test
  void verifyReachesTheOwnerSoTheNextPulseGets1020() throws Exception {
    PrivateKey erin = stack.register();
    assertThat(stack.pulse(erin)).isEqualTo(ResponseCode.ACCEPTED);
    awaitUntil(
        Duration.ofSeconds(20),
        () -> stack.status(alice, erin).get("status").asText().equals("PENDING"),
        "erin turns PENDING 3 s after her last pulse");
    assertThat(stack.pulse(erin)).isEqualTo(ResponseCode.PENDING);
    JsonNode verified = LocalStack.JSON.readTree(stack.send("POST", "/verify", erin).body());
    assertThat(verified.get("ok").asBoolean()).isTrue();
    assertThat(stack.pulse(erin)).isEqualTo(ResponseCode.ACCEPTED);
  }

  @Test
  void aRequestWithABadOrOldSignatureIs401AndChangesNothing() throws Exception {
    PrivateKey frank = stack.register();
    assertThat(stack.pulse(frank)).isEqualTo(ResponseCode.ACCEPTED);
    InternalEndpoint edge = new InternalEndpoint("127.0.0.1", stack.edge.internalPort());
    byte[] wrong = new byte[InternalSecret.LENGTH_BYTES];
    Arrays.fill(wrong, (byte) 1);
    Clock late = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-31));
    try (InternalApiClient stranger =
            new InternalApiClient(
                SecretSource.fixed(new InternalSecret(wrong)),
                Duration.ofSeconds(5),
                Clock.systemUTC());
        InternalApiClient replayer =
            new InternalApiClient(
                SecretSource.fixed(stack.directory.internalSecret().toCompletableFuture().join()),
                Duration.ofSeconds(5),
                late)) {
      for (InternalApiClient client : new InternalApiClient[] {stranger, replayer}) {
        Throwable refused =
            client.loggedOut(edge, frank.clientId()).handle((ok, error) -> error).join();
        assertThat(refused)
            .isInstanceOf(CompletionException.class)
            .cause()
            .isInstanceOf(InternalApiException.class)
            .extracting(e -> ((InternalApiException) e).reason())
            .isEqualTo(InternalApiException.Reason.REJECTED);
      }
    }
    assertThat(stack.pulse(frank))
        .as("frank is still owned and ONLINE")
        .isEqualTo(ResponseCode.ACCEPTED);
  }

  @Test
  void theInternalApiIsNotOnThePublicPort() throws Exception {
    assertThat(stack.edge.internalPort())
        .isNotEqualTo(stack.base.getPort())
        .isNotEqualTo(stack.edge.udpPort());
    HttpResponse<String> onPublic =
        stack.send("GET", "/internal/v1/clients/" + alice.clientId().hex(), alice);
    assertThat(onPublic.statusCode()).isEqualTo(404);
    assertThat(onPublic.body()).contains("\"error\":\"not_found\"");
  }

  /** Makes a fake, fresh task at {@code port} the owner of the client's IPv4 family. */
  private Instant ownedByAFakeTask(PrivateKey client, int port) {
    TaskId fake = TaskId.random(new SecureRandom());
    Instant now = Instant.now();
    stack
        .directory
        .heartbeat(new TaskRecord(fake, "127.0.0.1", port, now, now, TaskState.SERVING, "fake"))
        .toCompletableFuture()
        .join();
    stack
        .directory
        .takeOver(
            new Takeover(
                client.clientId(),
                AddressFamily.IPV4,
                fake,
                new ObservedAddress("198.51.100.9", 9999),
                now,
                now.plusSeconds(60),
                0))
        .toCompletableFuture()
        .join();
    return now;
  }
}
