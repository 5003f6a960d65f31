package dev.rendezvous.load;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/** The five routes over the JDK's HTTP client, with a bound on requests in flight. */
final class HttpApi {
  /** An HTTP answer: its status, its body, and the body's top-level JSON fields. */
  static final class Answer {
    private final int status;
    private final String body;
    private final Map<String, Object> fields;

    Answer(int status, String body) {
      this.status = status;
      this.body = body;
      Map<String, Object> parsed;
      try {
        parsed = JSON.std.mapFrom(body);
      } catch (IOException e) {
        parsed = null; // not JSON: every field is missing
      }
      this.fields = parsed == null ? Map.of() : parsed;
    }

    int status() {
      return status;
    }

    String body() {
      return body;
    }

    /** A top-level field as text (a JSON null as {@code "null"}); empty when it is missing. */
    Optional<String> field(String name) {
      return fields.containsKey(name)
          ? Optional.of(String.valueOf(fields.get(name)))
          : Optional.empty();
    }
  }

  private final HttpClient http;
  private final URI base;
  private final Semaphore inFlight;

  HttpApi(URI base, int maxInFlight) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.base = base;
    this.inFlight = new Semaphore(maxInFlight);
  }

  CompletableFuture<Answer> register() {
    return send(post("/register", null));
  }

  CompletableFuture<Answer> verify(String key) {
    return send(post("/verify", key));
  }

  CompletableFuture<Answer> logout(String key) {
    return send(post("/logout", key));
  }

  CompletableFuture<Answer> status(String key, String peer) {
    return send(get("/peer/" + peer + "/udp/status", key));
  }

  CompletableFuture<Answer> address(String key, String peer) {
    return send(get("/peer/" + peer + "/udp", key));
  }

  private HttpRequest post(String path, String key) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return b.build();
  }

  private HttpRequest get(String path, String key) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(15))
        .header("Authorization", "Bearer " + key)
        .GET()
        .build();
  }

  private CompletableFuture<Answer> send(HttpRequest request) {
    inFlight.acquireUninterruptibly();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(r -> new Answer(r.statusCode(), r.body()))
        .whenComplete((a, e) -> inFlight.release());
  }
}
