package dev.rendezvous.functions.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.time.Clock;
import java.util.Map;

/** Sends HTTP API (payload v2) events through the real handler, as Lambda would. */
public final class V2Client implements AutoCloseable {
  private final APIGatewayV2HTTPEventFunction handler;

  public V2Client(APIGatewayV2HTTPEventFunction handler) {
    this.handler = handler;
  }

  /** The real handler over the DynamoDB store on a table of a local engine; close it after. */
  public static V2Client onDynamo(String endpoint, String table, Clock clock) {
    return new V2Client(
        new APIGatewayV2HTTPEventFunction(
            Contexts.lambda(Contexts.dynamo(endpoint, table), clock).build().start()));
  }

  /** A bean of the handler's application context (the store, the clock, ...). */
  public <T> T bean(Class<T> type) {
    return handler.getApplicationContext().getBean(type);
  }

  @Override
  public void close() {
    handler.close();
  }

  public APIGatewayV2HTTPResponse send(
      String method, String path, Map<String, String> headers, String body) {
    return handler.handleRequest(
        HttpEvents.v2(method, path, headers, body), new MockLambdaContext());
  }

  public APIGatewayV2HTTPResponse get(String path, String privateId) {
    return send("GET", path, HttpEvents.bearer(privateId), null);
  }

  public APIGatewayV2HTTPResponse post(String path, String privateId) {
    return send("POST", path, HttpEvents.bearer(privateId), null);
  }

  /** Registers a client and returns the 200 body. */
  public JsonNode register() {
    APIGatewayV2HTTPResponse response = send("POST", "/register", Map.of(), null);
    if (response.getStatusCode() != 200) {
      throw new AssertionError("register failed: " + response.getBody());
    }
    return Responses.json(response.getBody());
  }

  public static JsonNode body(APIGatewayV2HTTPResponse response) {
    return Responses.json(response.getBody());
  }

  public static String header(APIGatewayV2HTTPResponse response, String name) {
    return response.getHeaders().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }
}
