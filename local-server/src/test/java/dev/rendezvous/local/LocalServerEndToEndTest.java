package dev.rendezvous.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.protocol.identity.PrivateKey;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import dev.rendezvous.store.dynamodb.testing.TestPulses;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The local server over real HTTP on loopback, on dynalite: every route and the errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalServerEndToEndTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private ApplicationContext server;
  private URI base;
  private TestPulses pulses;

  @BeforeAll
  void start() {
    String table = DYNALITE.createTable();
    pulses = TestPulses.onDynalite(DYNALITE, table, PulseTimings.DEFAULTS, Clock.systemUTC());
    server =
        LocalHttpServerMain.start(
            "--micronaut.server.port=-1",
            "--aws.endpoint-url-dynamodb=" + DYNALITE.endpoint(),
            "--aws.region=us-east-1",
            "--rendezvous.table=" + table);
    EmbeddedServer embedded = server.getBean(EmbeddedServer.class);
    base = URI.create("http://127.0.0.1:" + embedded.getPort());
  }

  @AfterAll
  void stop() throws Exception {
    pulses.close();
    server.close();
  }

  @Test
  void bindsLoopbackAndSaysWhere() {
    EmbeddedServer embedded = server.getBean(EmbeddedServer.class);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LocalHttpServerMain.announce(embedded, new PrintStream(out, true, StandardCharsets.UTF_8));

    assertThat(embedded.getHost()).isIn("127.0.0.1", "localhost");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("rendezvous HTTP API listening on http://")
        .contains(":" + embedded.getPort());
  }

  @Test
  void aWholeSessionOverHttp() throws Exception {
    JsonNode caller = ok(send("POST", "/register", null, null));
    JsonNode target = ok(send("POST", "/register", null, "{}"));
    String key = caller.get("private_id").asText();
    String targetId = target.get("client_id").asText();
    pulses.record(
        PrivateKey.parse(target.get("private_id").asText()).clientId(),
        new ObservedAddress("198.51.100.20", 33333));

    assertThat(ok(send("POST", "/verify", key, null)).get("ok").asBoolean()).isFalse();
    JsonNode udp = ok(send("GET", "/peer/" + targetId + "/udp", key, null));
    assertThat(udp.get("host").asText()).isEqualTo("198.51.100.20");
    assertThat(udp.get("port").asInt()).isEqualTo(33333);
    JsonNode status = ok(send("GET", "/peer/" + targetId + "/udp/status", key, null));
    assertThat(status.get("status").asText()).isEqualTo("ONLINE");
    assertThat(status.get("last_online").isNumber()).isTrue();
    assertThat(ok(send("POST", "/logout", key, "{}")).get("ok").asBoolean()).isTrue();

    HttpResponse<String> after = send("POST", "/verify", key, null);
    assertError(after, 401, "unauthorized");
    assertThat(after.headers().firstValue("WWW-Authenticate")).isPresent();
  }

  @Test
  void errorsOverHttpHaveTheSameShape() throws Exception {
    assertError(send("POST", "/verify", null, null), 401, "unauthorized");
    assertError(send("GET", "/peer/nothex/udp", "00".repeat(32), null), 400, "invalid_client_id");
    assertError(send("GET", "/nowhere", null, null), 404, "not_found");
    HttpResponse<String> wrongMethod = send("GET", "/register", null, null);
    assertError(wrongMethod, 405, "method_not_allowed");
    assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
    assertError(send("POST", "/register", null, "{"), 400, "malformed_body");
    assertError(send("POST", "/register", null, "x".repeat(5000)), 413, "payload_too_large");
    assertError(send("POST", "/register", null, "x".repeat(200_000)), 413, "payload_too_large");
  }

  @Test
  void aFormEncodedOrTextBodyIsJudgedAsJson() throws Exception {
    HttpRequest form =
        HttpRequest.newBuilder(base.resolve("/register"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    assertThat(http.send(form, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    HttpRequest text =
        HttpRequest.newBuilder(base.resolve("/register"))
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("hello"))
            .build();
    assertError(http.send(text, HttpResponse.BodyHandlers.ofString()), 400, "malformed_body");
  }

  private HttpResponse<String> send(String method, String path, String key, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode ok(HttpResponse<String> response) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    return JSON.readTree(response.body());
  }

  private static void assertError(HttpResponse<String> response, int status, String code)
      throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode json = JSON.readTree(response.body());
    assertThat(json.get("ok").asBoolean()).isFalse();
    assertThat(json.get("error").asText()).isEqualTo(code);
    assertThat(json.get("message").asText()).isNotBlank();
  }
}
