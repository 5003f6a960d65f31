package dev.rendezvous.functions.api;

import static dev.rendezvous.functions.api.ErrorsV2Test.assertError;
import static dev.rendezvous.functions.testing.V2Client.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.rendezvous.functions.testing.Contexts;
import dev.rendezvous.functions.testing.V2Client;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Storage that cannot answer (nothing listens at the endpoint: connection refused) is a 503 with
 * Retry-After on every route that reads or writes, never a 401 or a 500.
 */
class StorageUnavailableTest {

  @Test
  void everyRouteAnswers503WithRetryAfter() throws IOException {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = socket.getLocalPort();
    }
    Map<String, Object> properties =
        Contexts.dynamo("http://127.0.0.1:" + deadPort, "rendezvous-clients");
    try (APIGatewayV2HTTPEventFunction handler =
        new APIGatewayV2HTTPEventFunction(Contexts.lambda(properties, null).build().start())) {
      V2Client api = new V2Client(handler);
      String key = "cd".repeat(32);
      String peer = "/peer/0123456789abcdef0123456789abcdef";

      for (APIGatewayV2HTTPResponse response :
          new APIGatewayV2HTTPResponse[] {
            api.send("POST", "/register", Map.of(), null),
            api.post("/verify", key),
            api.post("/logout", key),
            api.get(peer + "/udp", key),
            api.get(peer + "/udp/status", key)
          }) {
        assertError(response, 503, "storage_unavailable");
        assertThat(header(response, "Retry-After")).matches("[1-9][0-9]*");
      }
    }
  }
}
