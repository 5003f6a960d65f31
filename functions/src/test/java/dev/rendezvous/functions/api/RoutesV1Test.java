package dev.rendezvous.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.functions.testing.Contexts;
import dev.rendezvous.functions.testing.HttpEvents;
import dev.rendezvous.functions.testing.Responses;
import dev.rendezvous.protocol.identity.PrivateKey;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import dev.rendezvous.store.dynamodb.testing.TestPulses;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same routes through the REST API (v1) handler, as LocalStack's free tier would call it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutesV1Test {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();

  private ApiGatewayProxyRequestEventFunction handler;
  private TestPulses pulses;

  @BeforeAll
  void start() {
    String table = DYNALITE.createTable();
    pulses = TestPulses.onDynalite(DYNALITE, table, PulseTimings.DEFAULTS, Clock.systemUTC());
    Map<String, Object> properties = Contexts.dynamo(DYNALITE.endpoint().toString(), table);
    handler =
        new ApiGatewayProxyRequestEventFunction(Contexts.lambda(properties, null).build().start());
  }

  @AfterAll
  void stop() throws Exception {
    pulses.close();
    handler.close();
  }

  @Test
  void everyRouteAnswersThroughTheRestHandler() {
    JsonNode caller = json(send("POST", "/register", Map.of(), "{}"), 200);
    JsonNode target = json(send("POST", "/register", Map.of(), null), 200);
    String key = caller.get("private_id").asText();
    String targetId = target.get("client_id").asText();
    pulses.record(
        PrivateKey.parse(target.get("private_id").asText()).clientId(),
        new ObservedAddress("203.0.113.5", 62000));

    assertThat(
            json(send("POST", "/verify", HttpEvents.bearer(key), null), 200).get("ok").asBoolean())
        .isFalse();
    JsonNode udp =
        json(send("GET", "/peer/" + targetId + "/udp", HttpEvents.bearer(key), null), 200);
    assertThat(udp.get("host").asText()).isEqualTo("203.0.113.5");
    assertThat(udp.get("port").asInt()).isEqualTo(62000);
    JsonNode status =
        json(send("GET", "/peer/" + targetId + "/udp/status", HttpEvents.bearer(key), null), 200);
    assertThat(status.get("status").asText()).isEqualTo("ONLINE");
    assertThat(status.get("last_online").decimalValue()).isNotNegative();
    assertThat(
            json(send("POST", "/logout", HttpEvents.bearer(key), "{}"), 200).get("ok").asBoolean())
        .isTrue();
    assertThat(
            json(send("POST", "/verify", HttpEvents.bearer(key), null), 401).get("error").asText())
        .isEqualTo("unauthorized");
  }

  @Test
  void errorsHaveTheSameShape() {
    assertThat(json(send("GET", "/register", Map.of(), null), 405).get("error").asText())
        .isEqualTo("method_not_allowed");
    assertThat(json(send("GET", "/nowhere", Map.of(), null), 404).get("error").asText())
        .isEqualTo("not_found");
    assertThat(json(send("POST", "/register", Map.of(), "[1]"), 400).get("error").asText())
        .isEqualTo("malformed_body");
    assertThat(
            json(send("GET", "/peer/nothex/udp", HttpEvents.bearer("00".repeat(32)), null), 400)
                .get("error")
                .asText())
        .isEqualTo("invalid_client_id");
  }

  private APIGatewayProxyResponseEvent send(
      String method, String path, Map<String, String> headers, String body) {
    return handler.handleRequest(
        HttpEvents.v1(method, path, headers, body), new MockLambdaContext());
  }

  private static JsonNode json(APIGatewayProxyResponseEvent response, int status) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
    return Responses.json(response.getBody());
  }
}
