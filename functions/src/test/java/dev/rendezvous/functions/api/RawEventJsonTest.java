package dev.rendezvous.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rendezvous.functions.testing.Contexts;
import dev.rendezvous.functions.testing.LambdaRuntime;
import dev.rendezvous.functions.testing.Responses;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import io.micronaut.aws.lambda.events.serde.SerdeCustomPojoSerializer;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Raw event JSON, deserialized as the Lambda runtime does, through both real handlers (HTTP API v2
 * and REST API v1) sharing one table; responses serialized back the same way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RawEventJsonTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();

  private APIGatewayV2HTTPEventFunction v2;
  private ApiGatewayProxyRequestEventFunction v1;

  @BeforeAll
  void start() {
    Map<String, Object> properties =
        Contexts.dynamo(DYNALITE.endpoint().toString(), DYNALITE.createTable());
    v2 = new APIGatewayV2HTTPEventFunction(Contexts.lambda(properties, null).build().start());
    v1 = new ApiGatewayProxyRequestEventFunction(Contexts.lambda(properties, null).build().start());
  }

  @AfterAll
  void stop() {
    v2.close();
    v1.close();
  }

  @Test
  void theRuntimeUsesMicronautsSerdeSerializer() {
    assertThat(LambdaRuntime.serializer()).isInstanceOf(SerdeCustomPojoSerializer.class);
  }

  @Test
  void rawEventsDriveEveryStepOfASession() {
    JsonNode caller = registerFromRawV2();
    JsonNode target = registerFromRawV2();
    String key = caller.get("private_id").asText();

    APIGatewayV2HTTPEvent statusEvent =
        LambdaRuntime.event(
            LambdaRuntime.resource(
                "v2-peer-status.json", "@KEY@", key, "@TARGET@", target.get("client_id").asText()),
            APIGatewayV2HTTPEvent.class);
    APIGatewayV2HTTPResponse status = v2.handleRequest(statusEvent, new MockLambdaContext());
    JsonNode statusJson = Responses.json(status.getBody());
    assertThat(status.getStatusCode()).isEqualTo(200);
    assertThat(statusJson.get("status").asText()).isEqualTo("ONLINE");
    assertThat(statusJson.get("last_online").isNull()).isTrue();

    APIGatewayProxyRequestEvent verifyEvent =
        LambdaRuntime.event(
            LambdaRuntime.resource("v1-verify.json", "@KEY@", key),
            APIGatewayProxyRequestEvent.class);
    APIGatewayProxyResponseEvent verified = v1.handleRequest(verifyEvent, new MockLambdaContext());
    assertThat(verified.getStatusCode()).isEqualTo(200);
    assertThat(Responses.json(verified.getBody()).get("ok").asBoolean()).isFalse();
    assertThat(Responses.json(verified.getBody()).get("client_id").asText())
        .isEqualTo(caller.get("client_id").asText());

    String wire = LambdaRuntime.toJson(verified, APIGatewayProxyResponseEvent.class);
    JsonNode wireJson = Responses.json(wire);
    assertThat(wireJson.get("statusCode").asInt()).isEqualTo(200);
    assertThat(Responses.json(wireJson.get("body").asText()).get("client_id").asText())
        .isEqualTo(caller.get("client_id").asText());
  }

  @Test
  void aRawV1EventWithAnUnknownKeyIs401() {
    APIGatewayProxyRequestEvent event =
        LambdaRuntime.event(
            LambdaRuntime.resource("v1-verify.json", "@KEY@", "ef".repeat(32)),
            APIGatewayProxyRequestEvent.class);

    APIGatewayProxyResponseEvent response = v1.handleRequest(event, new MockLambdaContext());

    assertThat(response.getStatusCode()).isEqualTo(401);
    assertThat(Responses.json(response.getBody()).get("error").asText()).isEqualTo("unauthorized");
    assertThat(response.getHeaders()).containsKey("WWW-Authenticate");
  }

  private JsonNode registerFromRawV2() {
    APIGatewayV2HTTPEvent event =
        LambdaRuntime.event(
            LambdaRuntime.resource("v2-register.json"), APIGatewayV2HTTPEvent.class);
    APIGatewayV2HTTPResponse response = v2.handleRequest(event, new MockLambdaContext());
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
    String wire = LambdaRuntime.toJson(response, APIGatewayV2HTTPResponse.class);
    assertThat(Responses.json(wire).get("statusCode").asInt()).isEqualTo(200);
    return Responses.json(response.getBody());
  }
}
