package dev.rendezvous.functions.api;

import static dev.rendezvous.functions.testing.V2Client.body;
import static dev.rendezvous.functions.testing.V2Client.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rendezvous.core.directory.TakeoverResult;
import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.functions.testing.V2OnDynalite;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import dev.rendezvous.store.dynamodb.DynamoClientRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every route's success path through the real v2 handler, on DynamoDB (dynalite). */
class RoutesV2Test extends V2OnDynalite {
  private ClientRegistry registry;

  RoutesV2Test() {
    super(Instant.parse("2026-01-02T03:04:05.678Z"));
  }

  @BeforeAll
  void start() {
    registry = api.bean(ClientRegistry.class);
  }

  @Test
  void usesTheDynamoDbStoreByDefault() {
    assertThat(registry).isInstanceOf(DynamoClientRegistry.class);
  }

  @Test
  void registerIssuesAnIdentityWhoseIdIsDerivedFromTheKey() {
    APIGatewayV2HTTPResponse response = api.send("POST", "/register", Map.of(), null);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(header(response, "Content-Type")).startsWith("application/json");
    JsonNode json = body(response);
    assertThat(json.get("ok").asBoolean()).isTrue();
    assertThat(json.get("client_id").asText()).matches("[0-9a-f]{32}");
    assertThat(json.get("private_id").asText()).matches("[0-9a-f]{64}");
    assertThat(PrivateKey.parse(json.get("private_id").asText()).clientId().hex())
        .isEqualTo(json.get("client_id").asText());
    assertThat(json.get("timestamp").isNumber()).isTrue();
    assertThat(json.get("timestamp").decimalValue()).isEqualByComparingTo(seconds(clock.instant()));
    assertThat(registry.find(ClientId.parse(json.get("client_id").asText()))).isPresent();
  }

  @Test
  void registerAcceptsAnEmptyObjectAndIgnoresUnknownMembers() {
    assertThat(api.send("POST", "/register", Map.of(), "{}").getStatusCode()).isEqualTo(200);
    assertThat(api.send("POST", "/register", Map.of(), " {\"app\":\"x\"} ").getStatusCode())
        .isEqualTo(200);
  }

  @Test
  void verifyReportsAlreadyOnlineThenRevivesAPendingClient() {
    JsonNode client = api.register();
    String key = client.get("private_id").asText();

    JsonNode online = body(api.post("/verify", key));
    assertThat(online.get("ok").asBoolean()).isFalse();
    assertThat(online.get("client_id").asText()).isEqualTo(client.get("client_id").asText());
    assertThat(online.get("timestamp").decimalValue())
        .isEqualByComparingTo(seconds(clock.instant()));

    clock.advance(Duration.ofSeconds(60)); // past interval + grace: PENDING
    JsonNode revived = body(api.post("/verify", key));
    assertThat(revived.get("ok").asBoolean()).isTrue();
    assertThat(status(key, client.get("client_id").asText()).get("status").asText())
        .isEqualTo("ONLINE");
  }

  @Test
  void logoutRemovesTheClientAtOnceOnEveryPath() {
    JsonNode client = api.register();
    String key = client.get("private_id").asText();
    PrivateKey privateKey = PrivateKey.parse(key);

    APIGatewayV2HTTPResponse response = api.post("/logout", key);

    assertThat(response.getStatusCode()).isEqualTo(200);
    JsonNode json = body(response);
    assertThat(json.get("ok").asBoolean()).isTrue();
    assertThat(json.get("client_id").asText()).isEqualTo(client.get("client_id").asText());
    assertThat(pulses.attempt(privateKey.clientId(), new ObservedAddress("203.0.113.9", 4000)))
        .isInstanceOf(TakeoverResult.Unknown.class);
    assertThat(api.post("/verify", key).getStatusCode()).isEqualTo(401);
  }

  @Test
  void peerUdpGivesTheAddressOfTheLastAcceptedPulse() {
    String caller = api.register().get("private_id").asText();
    JsonNode target = api.register();
    String targetId = target.get("client_id").asText();
    pulses.record(
        PrivateKey.parse(target.get("private_id").asText()).clientId(),
        new ObservedAddress("2001:db8::7", 40123));

    APIGatewayV2HTTPResponse response = api.get("/peer/" + targetId + "/udp", caller);

    assertThat(response.getStatusCode()).isEqualTo(200);
    JsonNode json = body(response);
    assertThat(json.get("client_id").asText()).isEqualTo(targetId);
    assertThat(json.get("host").asText()).isEqualTo("2001:db8::7");
    assertThat(json.get("port").isInt()).isTrue();
    assertThat(json.get("port").asInt()).isEqualTo(40123);
    assertThat(json.get("timestamp").decimalValue()).isEqualByComparingTo(seconds(clock.instant()));
    assertThat(json.get("ok").asBoolean()).isTrue();
  }

  @Test
  void peerClientIdIsAcceptedInUpperCase() {
    String caller = api.register().get("private_id").asText();
    JsonNode target = api.register();
    pulses.record(
        PrivateKey.parse(target.get("private_id").asText()).clientId(),
        new ObservedAddress("192.0.2.1", 5));

    APIGatewayV2HTTPResponse response =
        api.get("/peer/" + target.get("client_id").asText().toUpperCase() + "/udp", caller);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(body(response).get("client_id").asText())
        .isEqualTo(target.get("client_id").asText());
  }

  @Test
  void statusIsOnlineWithNullLastOnlineBeforeAnyPulse() {
    String caller = api.register().get("private_id").asText();
    String targetId = api.register().get("client_id").asText();

    JsonNode json = status(caller, targetId);

    assertThat(json.get("status").asText()).isEqualTo("ONLINE");
    assertThat(json.has("last_online")).isTrue();
    assertThat(json.get("last_online").isNull()).isTrue();
    assertThat(json.get("client_id").asText()).isEqualTo(targetId);
    assertThat(json.get("ok").asBoolean()).isTrue();
  }

  @Test
  void statusGivesSecondsSinceTheLastPulseAndTurnsPending() {
    JsonNode target = api.register();
    String targetId = target.get("client_id").asText();
    pulses.record(
        PrivateKey.parse(target.get("private_id").asText()).clientId(),
        new ObservedAddress("192.0.2.1", 1));
    clock.advance(Duration.ofMillis(12_345));
    String caller = api.register().get("private_id").asText();

    JsonNode online = status(caller, targetId);
    assertThat(online.get("status").asText()).isEqualTo("ONLINE");
    assertThat(online.get("last_online").decimalValue()).isEqualByComparingTo("12.345");

    clock.advance(Duration.ofSeconds(30)); // 42.3 s > 30 + 5: PENDING, not yet expired
    api.post("/verify", caller); // keep the caller itself alive
    JsonNode pending = status(caller, targetId);
    assertThat(pending.get("status").asText()).isEqualTo("PENDING");
    assertThat(pending.get("last_online").decimalValue()).isEqualByComparingTo("42.345");
  }

  private JsonNode status(String callerKey, String targetId) {
    APIGatewayV2HTTPResponse response = api.get("/peer/" + targetId + "/udp/status", callerKey);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
    return body(response);
  }

  private static java.math.BigDecimal seconds(Instant at) {
    return java.math.BigDecimal.valueOf(at.toEpochMilli(), 3);
  }
}
