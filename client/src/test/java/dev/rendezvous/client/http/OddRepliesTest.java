package dev.rendezvous.client.http;

import static dev.rendezvous.client.http.ApiFailures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rendezvous.client.ServerClock;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the SDK's HTTP layer makes of replies the real service never sends but a network can: a
 * proxy's HTML error page, JSON of the wrong shape, trailing garbage, a huge body, a redirect. A
 * real HTTP server (the JDK's) answers with whatever each test sets; every case must end in a clear
 * {@link ApiException}, never a parse exception or a hang.
 */
class OddRepliesTest {
  private final ExecutorService httpThreads = Executors.newFixedThreadPool(2);
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final ClientCredentials me =
      ClientCredentials.of(new CredentialFactory().issue().privateKey());
  private HttpServer server;
  private volatile int status;
  private volatile String contentType;
  private volatile String body;
  private volatile String location;
  private ServerClock clock;
  private RendezvousHttpApi api;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
    clock = new ServerClock(Clock.fixed(Instant.ofEpochSecond(1_000), ZoneOffset.UTC));
    api =
        new RendezvousHttpApi(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api"),
            clock,
            httpThreads);
  }

  @AfterEach
  void stop() {
    server.stop(0);
    httpThreads.shutdown();
  }

  private void answer(HttpExchange exchange) throws IOException {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    authorizations.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + auth);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    if (location != null) {
      exchange.getResponseHeaders().set("Location", location);
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void replyWith(int status, String contentType, String body) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
  }

  @Test
  void aProxysHtmlErrorPageIsAnApiErrorWithItsStatus() {
    replyWith(502, "text/html", "<html><body>Bad Gateway</body></html>");
    ApiException e = failure(() -> api.verify(me).join());
    assertThat(e.status()).isEqualTo(502);
    assertThat(e.getMessage())
        .startsWith("POST /api/verify answered 502 with a body that is not JSON");
    assertThat(authorizations)
        .containsExactly("POST /api/verify Bearer " + me.privateKey().revealHex());
  }

  @Test
  void jsonOfTheWrongShapeSaysWhichField() {
    replyWith(
        200,
        "application/json",
        "{\"ok\":true,\"client_id\":\""
            + me.clientId().hex()
            + "\",\"host\":\"198.51.100.7\","
            + "\"port\":\"5024\",\"timestamp\":1700000000.5}");
    ApiException e = failure(() -> api.peerAddress(me, me.clientId()).join());
    assertThat(e.getMessage()).contains("unexpected reply (port is missing or not a number)");
    assertThat(clock.isCorrected()).isFalse(); // a reply that failed teaches the clock nothing
  }

  @Test
  void trailingGarbageAndTwoValuesAreNotJson() {
    replyWith(200, "application/json", "{\"ok\":true} <html>");
    assertThat(failure(() -> api.logout(me).join()).getMessage()).contains("not JSON");
    replyWith(200, "application/json", "{\"ok\":true}{\"ok\":true}");
    assertThat(failure(() -> api.logout(me).join()).getMessage()).contains("not JSON");
    replyWith(200, "application/json", "null");
    assertThat(failure(() -> api.logout(me).join()).getMessage()).contains("not JSON");
  }

  @Test
  void aBodyOverSixtyFourKibibytesIsRefused() {
    replyWith(200, "application/json", "{\"pad\":\"" + "x".repeat(70_000) + "\"}");
    ApiException e = failure(() -> api.logout(me).join());
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.getMessage()).contains("with a body over 65536 bytes");
  }

  @Test
  void aRedirectIsNotFollowed() {
    replyWith(302, "text/plain", "");
    location = "http://198.51.100.1/elsewhere";
    ApiException e = failure(() -> api.logout(me).join());
    assertThat(e.status()).isEqualTo(302);
    assertThat(authorizations).hasSize(1);
  }

  @Test
  void anIntegralTimestampCorrectsTheClockToo() {
    replyWith(
        200,
        "application/json",
        "{\"ok\":true,\"client_id\":\""
            + me.clientId().hex()
            + "\",\"status\":\"online\",\"last_online\":3,\"timestamp\":1700000000}");
    Responses.PeerStatus status = api.peerStatus(me, me.clientId()).join();
    assertThat(status.status()).isEqualTo(Responses.Liveness.ONLINE);
    assertThat(status.sinceLastPulse()).contains(java.time.Duration.ofSeconds(3));
    assertThat(clock.nowMillis()).isEqualTo(1_700_000_000_000L);
  }

  @Test
  void anErrorReplyCarriesTheServicesErrorCodeAndMessage() {
    replyWith(
        404,
        "application/json",
        "{\"ok\":false,\"error\":\"not_found\",\"message\":\"no such peer\"}");
    ApiException e = failure(() -> api.peerStatus(me, me.clientId()).join());
    assertThat(e.isNotFound()).isTrue();
    assertThat(e.errorCode()).contains("not_found");
    assertThat(e.getMessage())
        .isEqualTo(
            "GET /api/peer/" + me.clientId().hex() + "/udp/status: 404 not_found: no such peer");
  }
}
