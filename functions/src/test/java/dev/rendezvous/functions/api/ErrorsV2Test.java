package dev.rendezvous.functions.api;

import static dev.rendezvous.functions.testing.V2Client.body;
import static dev.rendezvous.functions.testing.V2Client.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.functions.testing.V2OnDynalite;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of bad input through the real v2 handler: the right status and a JSON error. */
class ErrorsV2Test extends V2OnDynalite {
  private static final String UNKNOWN_KEY = "ab".repeat(32);
  private static final String SOME_ID = "0123456789abcdef0123456789abcdef";

  ErrorsV2Test() {
    super(Instant.parse("2026-03-04T05:06:07Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "POST /verify",
        "POST /logout",
        "GET /peer/0123456789abcdef0123456789abcdef/udp",
        "GET /peer/0123456789abcdef0123456789abcdef/udp/status"
      })
  void missingAuthorizationIs401WithAChallenge(String route) {
    int space = route.indexOf(' ');
    APIGatewayV2HTTPResponse response =
        api.send(route.substring(0, space), route.substring(space + 1), Map.of(), null);

    assertError(response, 401, "unauthorized");
    assertThat(header(response, "WWW-Authenticate")).isEqualTo("Bearer realm=\"rendezvous\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Basic dXNlcjpwYXNz",
        "Bearer",
        "Bearer ",
        "Bearer abc",
        "Bearer zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
        "Bearer abababababababababababababababababababababababababababababababab00",
        "abababababababababababababababababababababababababababababababab"
      })
  void malformedAuthorizationIs401(String authorization) {
    APIGatewayV2HTTPResponse response =
        api.send("POST", "/verify", Map.of("authorization", authorization), null);

    assertError(response, 401, "unauthorized");
    assertThat(header(response, "WWW-Authenticate")).startsWith("Bearer realm=\"rendezvous\", ");
  }

  @Test
  void unknownKeyIs401OnEveryAuthenticatedRoute() {
    assertError(api.post("/verify", UNKNOWN_KEY), 401, "unauthorized");
    assertError(api.post("/logout", UNKNOWN_KEY), 401, "unauthorized");
    assertError(api.get("/peer/" + SOME_ID + "/udp", UNKNOWN_KEY), 401, "unauthorized");
    APIGatewayV2HTTPResponse status = api.get("/peer/" + SOME_ID + "/udp/status", UNKNOWN_KEY);
    assertError(status, 401, "unauthorized");
    assertThat(header(status, "WWW-Authenticate")).contains("error=\"invalid_token\"");
  }

  @Test
  void aKeyWhoseClientLoggedOutOrExpiredIs401() {
    String loggedOut = api.register().get("private_id").asText();
    api.post("/logout", loggedOut);
    assertError(api.post("/verify", loggedOut), 401, "unauthorized");
    assertError(api.post("/logout", loggedOut), 401, "unauthorized");

    String expired = api.register().get("private_id").asText();
    clock.advance(Duration.ofSeconds(30 + 180 + 1));
    assertError(api.post("/verify", expired), 401, "unauthorized");
    assertError(api.get("/peer/" + SOME_ID + "/udp", expired), 401, "unauthorized");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "xyz",
        "0123456789abcdef0123456789abcde",
        "0123456789abcdef0123456789abcdef0",
        "0123456789abcdef0123456789abcdeg",
        "%20%20"
      })
  void aPeerIdThatIsNot32HexCharactersIs400(String clientId) {
    String caller = api.register().get("private_id").asText();

    assertError(api.get("/peer/" + clientId + "/udp", caller), 400, "invalid_client_id");
    assertError(api.get("/peer/" + clientId + "/udp/status", caller), 400, "invalid_client_id");
  }

  @Test
  void anUnknownPeerIs404() {
    String caller = api.register().get("private_id").asText();

    assertError(api.get("/peer/" + SOME_ID + "/udp", caller), 404, "not_found");
    assertError(api.get("/peer/" + SOME_ID + "/udp/status", caller), 404, "not_found");
  }

  @Test
  void aPeerThatNeverPulsedHasNoAddress() {
    String caller = api.register().get("private_id").asText();
    String target = api.register().get("client_id").asText();

    assertError(api.get("/peer/" + target + "/udp", caller), 404, "not_found");
    assertThat(api.get("/peer/" + target + "/udp/status", caller).getStatusCode()).isEqualTo(200);
  }

  @Test
  void anExpiredPeerIs404EvenBeforeTheSweepRuns() {
    JsonNode target = api.register();
    pulses.record(
        PrivateKey.parse(target.get("private_id").asText()).clientId(),
        new ObservedAddress("192.0.2.8", 9));
    clock.advance(Duration.ofSeconds(30 + 180 + 1));
    String caller = api.register().get("private_id").asText();
    String targetId = target.get("client_id").asText();

    assertError(api.get("/peer/" + targetId + "/udp", caller), 404, "not_found");
    assertError(api.get("/peer/" + targetId + "/udp/status", caller), 404, "not_found");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/registe", "/register/x", "/peer", "/peer/x", "/peer/x/tcp"})
  void anUnknownPathIs404(String path) {
    assertError(api.send("GET", path, Map.of(), null), 404, "not_found");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /register",
        "PUT /register",
        "DELETE /register",
        "GET /verify",
        "GET /logout",
        "POST /peer/0123456789abcdef0123456789abcdef/udp",
        "DELETE /peer/0123456789abcdef0123456789abcdef/udp/status"
      })
  void aWrongMethodIs405WithAllow(String route) {
    int space = route.indexOf(' ');
    APIGatewayV2HTTPResponse response =
        api.send(route.substring(0, space), route.substring(space + 1), Map.of(), null);

    assertError(response, 405, "method_not_allowed");
    assertThat(header(response, "Allow")).isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "[]", "[1]", "\"x\"", "42", "null", "not json", "{\"a\":}"})
  void aBodyThatIsNotAJsonObjectIs400(String body) {
    assertError(api.send("POST", "/register", Map.of(), body), 400, "malformed_body");
    String key = api.register().get("private_id").asText();
    assertError(
        api.send("POST", "/verify", Map.of("authorization", "Bearer " + key), body),
        400,
        "malformed_body");
    assertError(
        api.send("POST", "/logout", Map.of("authorization", "Bearer " + key), body),
        400,
        "malformed_body");
  }

  @Test
  void anOversizedBodyIs413() {
    String big = "{\"pad\":\"" + "x".repeat(RequestBodies.MAX_BODY_BYTES) + "\"}";

    assertError(api.send("POST", "/register", Map.of(), big), 413, "payload_too_large");
    assertError(
        api.send("POST", "/register", Map.of(), "x".repeat(1_000_000)), 413, "payload_too_large");
    assertError(
        api.send("POST", "/register", Map.of(), " ".repeat(RequestBodies.MAX_BODY_BYTES + 1)),
        413,
        "payload_too_large");
  }

  @Test
  void errorBodiesNeverCarryAStackTrace() {
    APIGatewayV2HTTPResponse response = api.send("POST", "/register", Map.of(), "{\"a\":");

    assertThat(response.getBody()).doesNotContain("at dev.").doesNotContain("Exception");
  }

  static void assertError(APIGatewayV2HTTPResponse response, int status, String code) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
    assertThat(header(response, "Content-Type")).startsWith("application/json");
    JsonNode json = body(response);
    assertThat(json.get("ok").asBoolean()).isFalse();
    assertThat(json.get("error").asText()).isEqualTo(code);
    assertThat(json.get("message").asText()).isNotBlank();
    assertThat(json.size()).isEqualTo(3);
  }
}
