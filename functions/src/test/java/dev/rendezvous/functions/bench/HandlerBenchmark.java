package dev.rendezvous.functions.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.rendezvous.functions.testing.Contexts;
import dev.rendezvous.functions.testing.HttpEvents;
import dev.rendezvous.functions.testing.Responses;
import dev.rendezvous.store.dynamodb.ClientTable;
import dev.rendezvous.store.dynamodb.testing.DynaliteProcess;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Not a test: measures the real v2 handler. (1) Cold start: a fresh JVM per run, on the shaded
 * Lambda jar, from process start to the first response, on dynalite. (2) Steady per-event cost in
 * one warm JVM, over the in-memory store (the handler's own cost) and over dynalite (a real engine,
 * slow by itself), with the mean of the first and last 1,000 events to show the cost does not grow.
 *
 * <p>Run: {@code ./mvnw -B -pl functions -am -Pbench -DskipTests verify}; figures go to stdout.
 */
public final class HandlerBenchmark {
  private static final int COLD_RUNS = 5;
  private static final int WARMUP_EVENTS = 3_000;
  private static final int MEMORY_EVENTS = 20_000;
  private static final int DYNALITE_EVENTS = 3_000;

  private HandlerBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path shadedJar = Path.of(args[0]);
    Path probeClasses = Path.of(args[1]);
    System.out.printf(
        Locale.ROOT,
        "java %s, %d cores%n",
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    try (DynaliteProcess dynalite = DynaliteProcess.start()) {
      String table = "bench-" + ProcessHandle.current().pid();
      try (DynamoDbClient dynamo =
          dev.rendezvous.store.dynamodb.DynamoClientFactory.forLocalEndpoint(dynalite.endpoint())
              .syncClient()) {
        dynamo.createTable(ClientTable.createTableRequest(table));
      }
      coldStarts(shadedJar, probeClasses, dynalite.endpoint().toString(), table, List.of());
      coldStarts(
          shadedJar,
          probeClasses,
          dynalite.endpoint().toString(),
          table,
          List.of("-XX:TieredStopAtLevel=1"));
      steady("memory store", Map.of("rendezvous.store", "memory"), MEMORY_EVENTS);
      steady(
          "dynalite store",
          Contexts.dynamo(dynalite.endpoint().toString(), table),
          DYNALITE_EVENTS);
    }
  }

  private static void coldStarts(
      Path jar, Path probeClasses, String endpoint, String table, List<String> jvmOptions)
      throws Exception {
    long[] wallMs = new long[COLD_RUNS];
    String lastLine = "";
    for (int run = 0; run < COLD_RUNS; run++) {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.add("-cp");
      command.add(jar + File.pathSeparator + probeClasses);
      command.add(ColdStartProbe.class.getName());
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      Map<String, String> env = builder.environment();
      env.put("AWS_ENDPOINT_URL_DYNAMODB", endpoint);
      env.put("AWS_REGION", "us-east-1");
      env.put("RENDEZVOUS_TABLE", table);
      long started = System.nanoTime();
      Process process = builder.start();
      String probe = null;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          if (line.startsWith("PROBE ")) {
            probe = line;
            wallMs[run] = (System.nanoTime() - started) / 1_000_000;
          }
        }
      }
      if (process.waitFor() != 0 || probe == null) {
        throw new IllegalStateException("cold start probe failed: " + probe);
      }
      lastLine = probe;
    }
    Arrays.sort(wallMs);
    System.out.printf(
        Locale.ROOT,
        "cold start %s: process start to first v2 response, %d runs: min %d ms, median %d ms,"
            + " max %d ms (last run: %s)%n",
        jvmOptions.isEmpty() ? "(default JVM)" : String.join(" ", jvmOptions),
        COLD_RUNS,
        wallMs[0],
        wallMs[COLD_RUNS / 2],
        wallMs[COLD_RUNS - 1],
        lastLine);
  }

  private static void steady(String label, Map<String, Object> properties, int events) {
    try (APIGatewayV2HTTPEventFunction handler =
        new APIGatewayV2HTTPEventFunction(
            Contexts.lambda(new HashMap<>(properties), null).build().start())) {
      String key = register(handler);
      String target = Responses.json(registerBody(handler)).get("client_id").asText();
      APIGatewayV2HTTPEvent[] mix = {
        HttpEvents.v2("POST", "/verify", HttpEvents.bearer(key), null),
        HttpEvents.v2("GET", "/peer/" + target + "/udp/status", HttpEvents.bearer(key), null),
        HttpEvents.v2("POST", "/register", Map.of(), null),
        HttpEvents.v2("GET", "/register", Map.of(), null),
      };
      for (int i = 0; i < WARMUP_EVENTS; i++) {
        handler.handleRequest(mix[i % mix.length], new MockLambdaContext());
      }
      long[] nanos = new long[events];
      for (int i = 0; i < events; i++) {
        long t0 = System.nanoTime();
        handler.handleRequest(mix[i % mix.length], new MockLambdaContext());
        nanos[i] = System.nanoTime() - t0;
      }
      double firstMean = mean(nanos, 0, 1000);
      double lastMean = mean(nanos, events - 1000, events);
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      System.out.printf(
          Locale.ROOT,
          "steady %s: %d events (verify, status, register, 405 in turn) after %d warm-up:"
              + " mean %.3f ms, p50 %.3f ms, p99 %.3f ms; first 1000 mean %.3f ms, last 1000"
              + " mean %.3f ms (ratio %.2f)%n",
          label,
          events,
          WARMUP_EVENTS,
          mean(nanos, 0, events) / 1e6,
          sorted[events / 2] / 1e6,
          sorted[(int) (events * 0.99)] / 1e6,
          firstMean / 1e6,
          lastMean / 1e6,
          lastMean / firstMean);
    }
  }

  private static String register(APIGatewayV2HTTPEventFunction handler) {
    return Responses.json(registerBody(handler)).get("private_id").asText();
  }

  private static String registerBody(APIGatewayV2HTTPEventFunction handler) {
    return handler
        .handleRequest(HttpEvents.v2("POST", "/register", Map.of(), null), new MockLambdaContext())
        .getBody();
  }

  private static double mean(long[] values, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += values[i];
    }
    return sum / (to - from);
  }
}
