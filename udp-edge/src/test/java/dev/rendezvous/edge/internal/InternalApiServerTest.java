package dev.rendezvous.edge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.InternalSecret;
import dev.rendezvous.core.directory.OwnedState;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.internalapi.InternalApiClient;
import dev.rendezvous.internalapi.InternalApiException;
import dev.rendezvous.internalapi.InternalEndpoint;
import dev.rendezvous.internalapi.RequestSigning;
import dev.rendezvous.internalapi.SecretSource;
import dev.rendezvous.protocol.identity.ClientId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The edge's internal API server over real sockets, called by the real internal-api client. */
class InternalApiServerTest {
  static final InternalSecret SECRET = secret(7);
  static final ClientId ID = ClientId.parse("00112233445566778899aabbccddeeff");
  static final OwnedState V4 =
      new OwnedState(
          AddressFamily.IPV4,
          2,
          new ObservedAddress("198.51.100.4", 40000),
          Instant.ofEpochMilli(1_767_225_600_250L),
          1_767_225_600L);

  private final TestOwnedClients owned = new TestOwnedClients();
  private final HttpClient raw = HttpClient.newHttpClient();
  private InternalApiServer server;
  private InternalApiClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private void start(InternalServerLimits limits) throws InterruptedException {
    RequestSigning signing = new RequestSigning(SECRET);
    server =
        InternalApiServer.start("127.0.0.1", 0, owned, () -> signing, Clock.systemUTC(), limits);
    client =
        new InternalApiClient(SecretSource.fixed(SECRET), Duration.ofSeconds(2), Clock.systemUTC());
  }

  private InternalEndpoint endpoint() {
    return new InternalEndpoint("127.0.0.1", server.port());
  }

  @Test
  void answersWhatTheLiveTableOwns() throws Exception {
    start(InternalServerLimits.DEFAULTS);
    owned.own(ID, V4);
    assertThat(client.lookUp(endpoint(), ID).join()).containsExactly(V4);
    ClientId stranger = ClientId.parse("ffeeddccbbaa99887766554433221100");
    assertThat(client.lookUp(endpoint(), stranger).join()).isEmpty();
    assertThat(owned.calls()).containsExactly("lookUp " + ID, "lookUp " + stranger);
  }

  @Test
  void passesEveryNotificationToTheLiveTable() throws Exception {
    start(InternalServerLimits.DEFAULTS);
    client.verified(endpoint(), ID, Instant.ofEpochMilli(1_767_225_601_000L)).join();
    client.loggedOut(endpoint(), ID).join();
    client.revoke(endpoint(), ID, AddressFamily.IPV6, 5).join();
    assertThat(owned.calls())
        .containsExactly(
            "verified " + ID + " 1767225601000", "loggedOut " + ID, "revoke " + ID + " IPV6 5");
  }

  @Test
  void anUnsignedBadlySignedOrOldRequestIs401WithoutDetailAndChangesNothing() throws Exception {
    start(InternalServerLimits.DEFAULTS);
    String path = "/internal/v1/clients/" + ID + "/logged-out";
    long now = System.currentTimeMillis();
    RequestSigning wrong = new RequestSigning(secret(8));
    RequestSigning right = new RequestSigning(SECRET);
    HttpResponse<String> unsigned = send("POST", path, "", null, null);
    HttpResponse<String> badKey =
        send("POST", path, "", now, wrong.sign("POST", path, now, new byte[0]));
    long old = now - 31_000;
    HttpResponse<String> stale =
        send("POST", path, "", old, right.sign("POST", path, old, new byte[0]));
    HttpResponse<String> otherPath =
        send("POST", path, "", now, right.sign("POST", path + "x", now, new byte[0]));
    for (HttpResponse<String> response : Arrays.asList(unsigned, badKey, stale, otherPath)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
      assertThat(response.headers().firstValue("content-type")).contains("application/json");
    }
    assertThat(owned.calls()).isEmpty();
    assertThat(server.refusedRequests()).isEqualTo(4);
    // The same request, signed now with the right secret, goes through.
    assertThat(send("POST", path, "", now, right.sign("POST", path, now, new byte[0])).statusCode())
        .isEqualTo(204);
    assertThat(owned.calls()).containsExactly("loggedOut " + ID);
  }

  @Test
  void theRealClientWithAnotherSecretIsRejected() throws Exception {
    start(InternalServerLimits.DEFAULTS);
    try (InternalApiClient stranger =
        new InternalApiClient(
            SecretSource.fixed(secret(9)), Duration.ofSeconds(2), Clock.systemUTC())) {
      assertThatThrownBy(() -> stranger.revoke(endpoint(), ID, AddressFamily.IPV4, 99).join())
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(InternalApiException.class)
          .satisfies(
              e ->
                  assertThat(((InternalApiException) e).reason())
                      .isEqualTo(InternalApiException.Reason.REJECTED));
    }
    assertThat(owned.calls()).isEmpty();
  }

  @Test
  void routesMethodsAndBodiesAreCheckedAfterAuthentication() throws Exception {
    start(InternalServerLimits.DEFAULTS);
    String base = "/internal/v1/clients/" + ID;
    HttpResponse<String> unknown = signed("GET", "/internal/v1/tasks", "");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"error\":\"not_found\"}");
    HttpResponse<String> wrongMethod = signed("DELETE", base, "");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("allow")).contains("GET");
    assertThat(wrongMethod.body()).isEqualTo("{\"error\":\"method_not_allowed\"}");
    HttpResponse<String> badBody = signed("POST", base + "/verified", "{\"atMillis\":\"soon\"}");
    assertThat(badBody.statusCode()).isEqualTo(400);
    assertThat(badBody.body()).isEqualTo("{\"error\":\"malformed_body\"}");
    HttpResponse<String> badRevoke = signed("POST", base + "/revoke", "{\"family\":\"ipx\"}");
    assertThat(badRevoke.statusCode()).isEqualTo(400);
    HttpResponse<String> notOwned = signed("GET", base, "");
    assertThat(notOwned.statusCode()).isEqualTo(404);
    assertThat(notOwned.body()).isEqualTo("{\"error\":\"not_owned\"}");
    assertThat(owned.calls()).containsExactly("lookUp " + ID);
  }

  @Test
  void aBodyAboveTheLimitIs413InJson() throws Exception {
    start(InternalServerLimits.DEFAULTS);
    String path = "/internal/v1/clients/" + ID + "/verified";
    HttpResponse<String> response =
        signed("POST", path, "{\"atMillis\":1" + " ".repeat(2000) + "}");
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).isEqualTo("{\"error\":\"too_large\"}");
    assertThat(owned.calls()).isEmpty();
  }

  @Test
  void aStuckLiveTableIs503AndABrokenOneIs500() throws Exception {
    start(new InternalServerLimits(16, 1024, Duration.ofSeconds(60), Duration.ofMillis(100)));
    owned.stick();
    HttpResponse<String> stuck = signed("GET", "/internal/v1/clients/" + ID, "");
    assertThat(stuck.statusCode()).isEqualTo(503);
    assertThat(stuck.body()).isEqualTo("{\"error\":\"unavailable\"}");
    owned.breakDown();
    HttpResponse<String> broken = signed("POST", "/internal/v1/clients/" + ID + "/logged-out", "");
    assertThat(broken.statusCode()).isEqualTo(500);
    assertThat(broken.body()).isEqualTo("{\"error\":\"internal_error\"}");
  }

  private HttpResponse<String> signed(String method, String path, String body) throws Exception {
    long now = System.currentTimeMillis();
    String signature =
        new RequestSigning(SECRET).sign(method, path, now, body.getBytes(StandardCharsets.UTF_8));
    return send(method, path, body, now, signature);
  }

  private HttpResponse<String> send(
      String method, String path, String body, Long timestamp, String signature) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(5))
            .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (timestamp != null) {
      request.header(RequestSigning.TIMESTAMP_HEADER, Long.toString(timestamp));
    }
    if (signature != null) {
      request.header(RequestSigning.SIGNATURE_HEADER, signature);
    }
    return raw.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static InternalSecret secret(int fill) {
    byte[] bytes = new byte[InternalSecret.LENGTH_BYTES];
    Arrays.fill(bytes, (byte) fill);
    return new InternalSecret(bytes);
  }
}
