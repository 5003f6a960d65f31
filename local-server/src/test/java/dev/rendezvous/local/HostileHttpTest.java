package dev.rendezvous.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Random bad requests over real HTTP (seeded, so a failure can be replayed): malformed
 * Authorization headers, client_ids, paths, methods, bodies and sizes. Every answer must be one of
 * the documented statuses with the JSON error shape, never a 5xx or a stack trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileHttpTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<Integer> DOCUMENTED = Set.of(200, 400, 401, 404, 405, 413);
  private static final long SEED = 20261126L;

  private final HttpClient http = HttpClient.newHttpClient();
  private final Random random = new Random(SEED);
  private ApplicationContext server;
  private URI base;

  @BeforeAll
  void start() {
    server =
        LocalHttpServerMain.start(
            "--micronaut.server.port=-1",
            "--aws.endpoint-url-dynamodb=" + DYNALITE.endpoint(),
            "--aws.region=us-east-1",
            "--rendezvous.table=" + DYNALITE.createTable());
    base = URI.create("http://127.0.0.1:" + server.getBean(EmbeddedServer.class).getPort());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void randomBadRequestsGetTheDocumentedJsonErrors() throws Exception {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String method = pick("GET", "POST", "PUT", "DELETE", "PATCH");
      String path = path();
      String auth = authorization();
      String body = body();
      HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
      if (auth != null) {
        request.header("Authorization", auth);
      }
      if (body != null) {
        request.header(
            "Content-Type",
            pick("application/json", "text/plain", "application/x-www-form-urlencoded"));
      }
      request.method(
          method,
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body));
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String what =
          "#"
              + i
              + " "
              + method
              + " "
              + path
              + " auth="
              + abbreviate(auth)
              + " body="
              + abbreviate(body);
      String problem = problem(method, path, response);
      if (problem != null) {
        failures.add(
            what
                + " -> "
                + response.statusCode()
                + " "
                + abbreviate(response.body())
                + ": "
                + problem);
      }
    }
    assertThat(failures).as("seed " + SEED).isEmpty();
  }

  private static String problem(String method, String path, HttpResponse<String> response) {
    int status = response.statusCode();
    if (!DOCUMENTED.contains(status)) {
      return "undocumented status";
    }
    if (status == 200) {
      return method.equals("POST") && path.equals("/register") ? null : "accepted a bad request";
    }
    try {
      JsonNode json = JSON.readTree(response.body());
      if (json.get("ok") == null || json.get("ok").asBoolean()) {
        return "no \"ok\": false";
      }
      if (json.path("error").asText().isBlank() || json.path("message").asText().isBlank()) {
        return "no error code or message";
      }
    } catch (Exception e) {
      return "body is not JSON";
    }
    if (response.body().contains("Exception") || response.body().contains("\tat ")) {
      return "leaks a stack trace";
    }
    if (status == 401 && response.headers().firstValue("WWW-Authenticate").isEmpty()) {
      return "401 without WWW-Authenticate";
    }
    return null;
  }

  private String path() {
    String id =
        switch (random.nextInt(6)) {
          case 0 -> hex(16);
          case 1 -> hex(random.nextInt(40));
          case 2 -> hex(16).toUpperCase(java.util.Locale.ROOT).replace('A', 'G');
          case 3 -> "%00" + hex(15);
          case 4 -> "..%2F..%2Fetc%2Fpasswd";
          default -> "x".repeat(random.nextInt(300));
        };
    return switch (random.nextInt(9)) {
      case 0 -> "/register";
      case 1 -> "/verify";
      case 2 -> "/logout";
      case 3 -> "/peer/" + id + "/udp";
      case 4 -> "/peer/" + id + "/udp/status";
      case 5 -> "/peer/" + id;
      case 6 -> "/peer/" + id + "/udp/status/extra";
      case 7 -> "/" + hex(random.nextInt(8));
      default -> "/register/" + hex(2);
    };
  }

  private String authorization() {
    return switch (random.nextInt(10)) {
      case 0 -> null;
      case 1 -> "Bearer";
      case 2 -> "Bearer " + hex(32); // well-formed, unknown
      case 3 -> "bearer " + hex(32);
      case 4 -> "Bearer " + hex(random.nextInt(40));
      case 5 ->
          "Basic "
              + java.util.Base64.getEncoder()
                  .encodeToString("a:b".getBytes(StandardCharsets.UTF_8));
      case 6 -> "Bearer " + hex(32) + " " + hex(32);
      case 7 -> "Bearer " + "Z".repeat(64);
      case 8 -> "Bearer  " + hex(32);
      default -> "Bearer " + "k".repeat(2000);
    };
  }

  private String body() {
    return switch (random.nextInt(9)) {
      case 0, 1 -> null;
      case 2 -> "{}";
      case 3 -> "[]";
      case 4 -> "{\"client_id\": 7, \"nested\": {\"a\": [1, 2, {\"b\": null}]}}";
      case 5 -> "{" + "\"k\":".repeat(50);
      case 6 -> new String(randomBytes(200), StandardCharsets.ISO_8859_1);
      case 7 -> "{\"pad\":\"" + "x".repeat(5000) + "\"}";
      default -> "y".repeat(150_000);
    };
  }

  private String hex(int bytes) {
    return HexFormat.of().formatHex(randomBytes(bytes));
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }

  private static String abbreviate(String s) {
    if (s == null) {
      return "none";
    }
    return s.length() <= 60 ? s : s.substring(0, 60) + "...(" + s.length() + ")";
  }
}
