package dev.rendezvous.functions.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.rendezvous.functions.testing.HttpEvents;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * Run in a fresh JVM by {@link HandlerBenchmark}: builds the v2 handler the way Lambda does (no
 * arguments, settings from the environment), sends one register event, prints one line and exits.
 */
public final class ColdStartProbe {
  private ColdStartProbe() {}

  public static void main(String[] args) {
    long beforeInitNanos = System.nanoTime();
    APIGatewayV2HTTPEventFunction handler = new APIGatewayV2HTTPEventFunction();
    long initDoneNanos = System.nanoTime();
    APIGatewayV2HTTPResponse response =
        handler.handleRequest(
            HttpEvents.v2("POST", "/register", Map.of(), null), new MockLambdaContext());
    long firstResponseNanos = System.nanoTime();
    System.out.println(
        "PROBE status="
            + response.getStatusCode()
            + " jvmUptimeMs="
            + ManagementFactory.getRuntimeMXBean().getUptime()
            + " initMs="
            + (initDoneNanos - beforeInitNanos) / 1_000_000
            + " firstEventMs="
            + (firstResponseNanos - initDoneNanos) / 1_000_000);
    System.out.flush();
    System.exit(response.getStatusCode() == 200 ? 0 : 1);
  }
}
