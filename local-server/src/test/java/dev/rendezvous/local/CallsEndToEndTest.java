package dev.rendezvous.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rendezvous.protocol.call.CallId;
import dev.rendezvous.protocol.identity.PrivateKey;
import dev.rendezvous.protocol.identity.PulseMacKey;
import dev.rendezvous.protocol.v2.PunchNowAckCodec;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One-sided connect through the local run's parts (HTTP routes, a real edge, dynalite): the push
 * reaches the callee on its live mapping and its acknowledgement completes the call; the call's
 * details go to its callee only; a forged acknowledgement counts for nothing; the rate limit, the
 * callee's policy and an offline callee give their documented answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallsEndToEndTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();

  private LocalStack stack;

  @BeforeAll
  void start() throws Exception {
    stack = new LocalStack(DYNALITE, Duration.ofSeconds(1));
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void theCalleeIsRungOnItsMappingAndFetchesTheCall() throws Exception {
    try (PulsingClient alice = client();
        PulsingClient bob = client()) {
      HttpResponse<String> connect = connect(alice, bob);
      assertThat(connect.statusCode()).as(connect.body()).isEqualTo(200);
      JsonNode call = LocalStack.JSON.readTree(connect.body());
      assertThat(call.get("client_id").asText()).isEqualTo(bob.key.clientId().hex());
      assertThat(call.get("port").asInt()).isEqualTo(bob.port());
      assertThat(call.get("pair_key").asText()).hasSize(64);
      assertThat(bob.pushes).extracting(CallId::hex).contains(call.get("call_id").asText());

      HttpResponse<String> fetched =
          stack.send("GET", "/calls/" + call.get("call_id").asText(), bob.key);
      assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
      JsonNode details = LocalStack.JSON.readTree(fetched.body());
      assertThat(details.get("caller").asText()).isEqualTo(alice.key.clientId().hex());
      assertThat(details.get("port").asInt()).isEqualTo(alice.port());
      assertThat(details.get("pair_key").asText()).isEqualTo(call.get("pair_key").asText());

      PrivateKey carol = stack.register();
      for (PrivateKey stranger : new PrivateKey[] {carol, alice.key}) {
        assertThat(stack.send("GET", "/calls/" + call.get("call_id").asText(), stranger))
            .extracting(HttpResponse::statusCode)
            .as("only the callee may fetch the call")
            .isEqualTo(404);
      }
    }
  }

  @Test
  void aForgedOrMissingAcknowledgementIsAConflictWithinTheBound() throws Exception {
    try (PulsingClient alice = client();
        PulsingClient bob = client()) {
      bob.acking = false;
      Thread forger =
          new Thread(
              () -> {
                // Acknowledges every push with the wrong MAC key: the edge must ignore it.
                PulseMacKey wrong = alice.key.pulseMacKey();
                int seen = 0;
                long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (System.nanoTime() < until) {
                  while (seen < bob.pushes.size()) {
                    CallId call = bob.pushes.get(seen++);
                    try {
                      bob.send(PunchNowAckCodec.encode(bob.key.clientId(), call, wrong));
                    } catch (java.io.IOException e) {
                      return;
                    }
                  }
                  Thread.onSpinWait();
                }
              });
      forger.start();
      long start = System.nanoTime();
      HttpResponse<String> connect = connect(alice, bob);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      forger.join();
      assertThat(connect.statusCode()).as(connect.body()).isEqualTo(409);
      assertThat(connect.body()).contains("\"error\":\"not_acknowledged\"");
      assertThat(bob.pushes).as("three attempts, each pushed").hasSize(3);
      assertThat(took).as("3 attempts of 400 ms, plus slack").isLessThan(Duration.ofSeconds(4));
    }
  }

  @Test
  void aCallerMayRingACalleeFiveTimesAMinute() throws Exception {
    try (PulsingClient alice = client();
        PulsingClient bob = client()) {
      for (int i = 0; i < 5; i++) {
        assertThat(connect(alice, bob).statusCode()).isEqualTo(200);
      }
      HttpResponse<String> sixth = connect(alice, bob);
      assertThat(sixth.statusCode()).as(sixth.body()).isEqualTo(429);
      assertThat(sixth.body()).contains("\"error\":\"too_many_requests\"");
      int retryAfter = Integer.parseInt(sixth.headers().firstValue("Retry-After").orElseThrow());
      assertThat(retryAfter).isBetween(1, 60);
      assertThat(bob.pushes).as("no push for the refused call").hasSize(5);
      try (PulsingClient carol = client()) {
        assertThat(connect(carol, bob).statusCode()).as("another caller").isEqualTo(200);
      }
    }
  }

  @Test
  void theCalleesPolicyDecidesWhoMayRing() throws Exception {
    try (PulsingClient alice = client();
        PulsingClient bob = client();
        PulsingClient carol = client()) {
      assertThat(policy(bob, "{\"accept\":\"nobody\"}").statusCode()).isEqualTo(200);
      HttpResponse<String> refused = connect(alice, bob);
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("\"error\":\"refused\"");
      String onlyAlice =
          "{\"accept\":\"listed\",\"allowed\":[\"" + alice.key.clientId().hex() + "\"]}";
      assertThat(policy(bob, onlyAlice).statusCode()).isEqualTo(200);
      assertThat(connect(alice, bob).statusCode()).isEqualTo(200);
      assertThat(connect(carol, bob).statusCode()).isEqualTo(403);
      assertThat(bob.pushes).as("refused calls push nothing").hasSize(1);
      JsonNode read = LocalStack.JSON.readTree(stack.send("GET", "/call-policy", bob.key).body());
      assertThat(read.get("accept").asText()).isEqualTo("listed");
      assertThat(policy(bob, "{\"accept\":\"sometimes\"}").statusCode()).isEqualTo(400);
    }
  }

  @Test
  void anUnknownOrSilentCalleeCannotBeRung() throws Exception {
    try (PulsingClient alice = client()) {
      PrivateKey silent = stack.register();
      HttpResponse<String> offline =
          stack.send("POST", "/peer/" + silent.clientId().hex() + "/connect", alice.key);
      assertThat(offline.statusCode()).as(offline.body()).isEqualTo(409);
      assertThat(offline.body()).contains("\"error\":\"callee_offline\"");
      HttpResponse<String> unknown =
          stack.send("POST", "/peer/" + "ab".repeat(16) + "/connect", alice.key);
      assertThat(unknown.statusCode()).isEqualTo(404);
    }
  }

  private PulsingClient client() throws Exception {
    PulsingClient client = new PulsingClient(stack.register(), stack.edge.udpPort());
    client.pulse();
    Thread.sleep(300); // the takeover write lands; the edge then owns the client
    return client;
  }

  private HttpResponse<String> connect(PulsingClient caller, PulsingClient callee)
      throws Exception {
    caller.pulse();
    callee.pulse();
    return stack.send("POST", "/peer/" + callee.key.clientId().hex() + "/connect", caller.key);
  }

  private HttpResponse<String> policy(PulsingClient client, String json) throws Exception {
    return stack.send("PUT", "/call-policy", client.key, json);
  }
}
