package dev.rendezvous.functions.api;

import static dev.rendezvous.functions.testing.V2Client.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.functions.testing.Contexts;
import dev.rendezvous.functions.testing.HttpEvents;
import dev.rendezvous.functions.testing.V2Client;
import dev.rendezvous.protocol.identity.PrivateKey;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import dev.rendezvous.store.dynamodb.testing.TestPulses;
import dev.rendezvous.testkit.MutableClock;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code PUT /me/candidates} and the candidates of {@code GET /peer/{id}/udp}, through the real v2
 * handler on dynalite: LAN candidates reach only peers behind the same public IPv4 address, and
 * only while the client is still recorded there; IPv6 and the IPv4 mapping reach every caller.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CandidatesRouteTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:04:05.678Z"));
  private APIGatewayV2HTTPEventFunction handler;
  private V2Client api;
  private TestPulses pulses;

  @BeforeAll
  void start() {
    String table = DYNALITE.createTable();
    pulses = TestPulses.onDynalite(DYNALITE, table, PulseTimings.DEFAULTS, clock);
    Map<String, Object> properties = Contexts.dynamo(DYNALITE.endpoint().toString(), table);
    handler = new APIGatewayV2HTTPEventFunction(Contexts.lambda(properties, clock).build().start());
    api = new V2Client(handler);
  }

  @AfterAll
  void stop() throws Exception {
    pulses.close();
    handler.close();
  }

  @Test
  void lanCandidatesReachOnlyPeersBehindTheSamePublicAddress() {
    String a = registeredAt("203.0.113.10", 1000);
    clock.advance(Duration.ofSeconds(1));
    pulse(a, "2001:db8:a::2", 1000); // as the edge records it (HostText)
    String neighbour = registeredAt("203.0.113.10", 2000);
    String stranger = registeredAt("198.51.100.5", 3000);

    APIGatewayV2HTTPResponse put =
        report(
            a,
            "{\"candidates\":[{\"host\":\"10.0.1.2\",\"port\":1000},"
                + "{\"host\":\"FD00:0:0:0:0:0:0:2\",\"port\":1000},"
                + "{\"host\":\"10.0.1.2\",\"port\":1000}]}");
    assertThat(put.getStatusCode()).as(put.getBody()).isEqualTo(200);
    assertThat(texts(body(put)))
        .as("canonical hosts, duplicates once")
        .containsExactly("4 10.0.1.2 1000 lan", "6 fd00::2 1000 lan");

    JsonNode seenByNeighbour = peer(neighbour, a);
    assertThat(texts(seenByNeighbour))
        .containsExactly(
            "4 10.0.1.2 1000 lan",
            "6 fd00::2 1000 lan",
            "6 2001:db8:a::2 1000 ipv6",
            "4 203.0.113.10 1000 mapping");
    assertThat(seenByNeighbour.get("host").asText())
        .as("the seed's host/port: the latest pulse, in canonical text")
        .isEqualTo("2001:db8:a::2");
    assertThat(texts(peer(stranger, a)))
        .containsExactly("6 2001:db8:a::2 1000 ipv6", "4 203.0.113.10 1000 mapping");

    pulse(a, "198.51.100.77", 4000); // a moved to another network and has not reported again
    assertThat(texts(peer(neighbour, a)))
        .containsExactly("6 2001:db8:a::2 1000 ipv6", "4 198.51.100.77 4000 mapping");
  }

  @Test
  void anEmptyListClearsTheCandidates() {
    String a = registeredAt("203.0.113.30", 1000);
    String b = registeredAt("203.0.113.30", 2000);
    report(a, "{\"candidates\":[{\"host\":\"192.168.1.5\",\"port\":1000}]}");
    assertThat(texts(peer(b, a))).hasSize(2);
    assertThat(report(a, "{\"candidates\":[]}").getStatusCode()).isEqualTo(200);
    assertThat(texts(peer(b, a))).containsExactly("4 203.0.113.30 1000 mapping");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "{}",
        "{\"candidates\":{}}",
        "{\"candidates\":[{\"host\":\"example.com\",\"port\":1}]}",
        "{\"candidates\":[{\"host\":\"127.0.0.1\",\"port\":1}]}",
        "{\"candidates\":[{\"host\":\"fe80::1\",\"port\":1}]}",
        "{\"candidates\":[{\"host\":\"224.0.0.1\",\"port\":1}]}",
        "{\"candidates\":[{\"host\":\"0.0.0.0\",\"port\":1}]}",
        "{\"candidates\":[{\"host\":\"10.0.0.1\",\"port\":0}]}",
        "{\"candidates\":[{\"host\":\"10.0.0.1\",\"port\":1.5}]}",
        "{\"candidates\":[{\"host\":\"10.0.0.1\",\"port\":\"1\"}]}",
        "{\"candidates\":[{\"host\":\"\",\"port\":1}]}",
        "{\"candidates\":[1,2,3,4,5]}"
      })
  void aMalformedReportIs400AndStoresNothing(String bodyText) {
    String a = registeredAt("203.0.113.40", 1000);
    String b = registeredAt("203.0.113.40", 2000);
    report(a, "{\"candidates\":[{\"host\":\"10.9.9.9\",\"port\":9}]}");
    APIGatewayV2HTTPResponse response = report(a, bodyText);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
    assertThat(body(response).get("error").asText()).isEqualTo("malformed_body");
    assertThat(texts(peer(b, a))).contains("4 10.9.9.9 9 lan");
  }

  @Test
  void moreThanFourCandidatesAre400AndAStrangersKeyIs401() {
    String a = registeredAt("203.0.113.50", 1000);
    StringBuilder five = new StringBuilder("{\"candidates\":[");
    for (int i = 1; i <= 5; i++) {
      five.append(i > 1 ? "," : "")
          .append("{\"host\":\"10.0.0.")
          .append(i)
          .append("\",\"port\":1}");
    }
    assertThat(report(a, five.append("]}").toString()).getStatusCode()).isEqualTo(400);
    String nobody = "00".repeat(32);
    assertThat(report(nobody, "{\"candidates\":[]}").getStatusCode()).isEqualTo(401);
    assertThat(api.send("PUT", "/me/candidates", Map.of(), "{\"candidates\":[]}").getStatusCode())
        .isEqualTo(401);
  }

  private String registeredAt(String host, int port) {
    String key = api.register().get("private_id").asText();
    pulse(key, host, port);
    return key;
  }

  private void pulse(String key, String host, int port) {
    pulses.record(PrivateKey.parse(key).clientId(), new ObservedAddress(host, port));
  }

  private APIGatewayV2HTTPResponse report(String key, String json) {
    return api.send("PUT", "/me/candidates", HttpEvents.bearer(key), json);
  }

  private JsonNode peer(String callerKey, String targetKey) {
    String id = PrivateKey.parse(targetKey).clientId().hex();
    APIGatewayV2HTTPResponse response = api.get("/peer/" + id + "/udp", callerKey);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
    return body(response);
  }

  private static List<String> texts(JsonNode answer) {
    List<String> out = new ArrayList<>();
    for (JsonNode c : answer.get("candidates")) {
      out.add(
          c.get("family").asInt()
              + " "
              + c.get("host").asText()
              + " "
              + c.get("port").asInt()
              + " "
              + c.get("kind").asText());
    }
    return out;
  }
}
