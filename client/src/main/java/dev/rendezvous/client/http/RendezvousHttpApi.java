package dev.rendezvous.client.http;

import dev.rendezvous.client.ServerClock;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The service's HTTP routes over {@link HttpClient}. Every call is asynchronous; failures complete
 * the future with an {@link ApiException}. Each reply's {@code timestamp} corrects the shared
 * {@link ServerClock}. Thread-safe.
 */
public final class RendezvousHttpApi {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final URI baseUrl;
  private final HttpClient http;
  private final ServerClock clock;

  public RendezvousHttpApi(URI baseUrl, HttpClient http, ServerClock clock) {
    String text = baseUrl.toString();
    this.baseUrl = URI.create(text.endsWith("/") ? text : text + "/");
    this.http = http;
    this.clock = clock;
  }

  public RendezvousHttpApi(URI baseUrl, ServerClock clock) {
    this(baseUrl, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), clock);
  }

  public URI baseUrl() {
    return baseUrl;
  }

  public CompletableFuture<Responses.Registered> register() {
    return call(
        post("register", null),
        body -> {
          PrivateKey key =
              PrivateKey.tryParse(string(body, "private_id"))
                  .orElseThrow(() -> malformed("private_id is not 64 hex characters"));
          if (!key.clientId().hex().equals(string(body, "client_id"))) {
            throw malformed("client_id does not match private_id");
          }
          return new Responses.Registered(ClientCredentials.of(key), timestamp(body));
        });
  }

  public CompletableFuture<Responses.Verified> verify(ClientCredentials me) {
    return call(
        post("verify", me.privateKey()),
        body ->
            new Responses.Verified(
                ClientId.parse(string(body, "client_id")),
                Boolean.TRUE.equals(body.get("ok")),
                timestamp(body)));
  }

  public CompletableFuture<ClientId> logout(ClientCredentials me) {
    return call(post("logout", me.privateKey()), body -> me.clientId());
  }

  public CompletableFuture<Responses.PeerAddress> peerAddress(ClientCredentials me, ClientId peer) {
    return call(
        get("peer/" + peer.hex() + "/udp", me.privateKey()),
        body -> {
          double port = number(body, "port");
          if (port < 1 || port > 65535 || port != Math.rint(port)) {
            throw malformed("port out of range");
          }
          return new Responses.PeerAddress(
              ClientId.parse(string(body, "client_id")),
              string(body, "host"),
              (int) port,
              timestamp(body));
        });
  }

  public CompletableFuture<Responses.PeerStatus> peerStatus(ClientCredentials me, ClientId peer) {
    return call(
        get("peer/" + peer.hex() + "/udp/status", me.privateKey()),
        body -> {
          Responses.Liveness status;
          try {
            status = Responses.Liveness.valueOf(string(body, "status").toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            throw malformed("unknown status " + body.get("status"));
          }
          Object last = body.get("last_online");
          Optional<Duration> since =
              last instanceof Double seconds
                  ? Optional.of(Duration.ofMillis(Math.round(seconds * 1000)))
                  : Optional.empty();
          return new Responses.PeerStatus(
              ClientId.parse(string(body, "client_id")), status, since, timestamp(body));
        });
  }

  private HttpRequest.Builder request(String path, PrivateKey key) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(baseUrl.resolve(path))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json");
    if (key != null) {
      b.header("Authorization", "Bearer " + key.revealHex());
    }
    return b;
  }

  private HttpRequest post(String path, PrivateKey key) {
    return request(path, key)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}"))
        .build();
  }

  private HttpRequest get(String path, PrivateKey key) {
    return request(path, key).GET().build();
  }

  private <T> CompletableFuture<T> call(
      HttpRequest request, Function<Map<String, Object>, T> reader) {
    long sentAt = clock.localMillis();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .handle(
            (response, failure) -> {
              if (failure != null) {
                Throwable cause =
                    failure instanceof CompletionException ? failure.getCause() : failure;
                throw new CompletionException(
                    new ApiException(
                        0,
                        null,
                        "cannot reach "
                            + request.uri()
                            + ": "
                            + (cause instanceof IOException && cause.getMessage() == null
                                ? cause.getClass().getSimpleName()
                                : String.valueOf(cause)),
                        cause));
              }
              return read(request, response, reader, sentAt);
            });
  }

  private <T> T read(
      HttpRequest request,
      HttpResponse<String> response,
      Function<Map<String, Object>, T> reader,
      long sentAt) {
    Map<String, Object> body;
    try {
      body = Json.parseObject(response.body());
    } catch (MalformedJsonException e) {
      throw new CompletionException(
          new ApiException(
              response.statusCode(),
              null,
              request.method()
                  + " "
                  + request.uri().getPath()
                  + " answered "
                  + response.statusCode()
                  + " with a body that is not JSON ("
                  + e.getMessage()
                  + ")",
              e));
    }
    if (response.statusCode() != 200
        || (!Boolean.TRUE.equals(body.get("ok")) && !isVerify(request))) {
      Object error = body.get("error");
      Object message = body.get("message");
      throw new CompletionException(
          new ApiException(
              response.statusCode(),
              error == null ? null : error.toString(),
              request.method()
                  + " "
                  + request.uri().getPath()
                  + ": "
                  + response.statusCode()
                  + (error == null ? "" : " " + error)
                  + (message == null ? "" : ": " + message),
              null));
    }
    try {
      T value = reader.apply(body);
      Object ts = body.get("timestamp");
      if (ts instanceof Double) {
        clock.observe(timestamp(body), sentAt, clock.localMillis());
      }
      return value;
    } catch (MalformedJsonException | IllegalArgumentException e) {
      throw new CompletionException(
          new ApiException(
              response.statusCode(),
              null,
              request.uri().getPath() + ": unexpected reply (" + e.getMessage() + ")",
              e));
    }
  }

  private static boolean isVerify(HttpRequest request) {
    return request.uri().getPath().endsWith("/verify");
  }

  private static String string(Map<String, Object> body, String name) {
    Object v = body.get(name);
    if (!(v instanceof String s)) {
      throw malformed(name + " is missing or not a string");
    }
    return s;
  }

  private static double number(Map<String, Object> body, String name) {
    Object v = body.get(name);
    if (!(v instanceof Double d)) {
      throw malformed(name + " is missing or not a number");
    }
    return d;
  }

  private static Instant timestamp(Map<String, Object> body) {
    double seconds = number(body, "timestamp");
    return Instant.ofEpochMilli(Math.round(seconds * 1000));
  }

  private static MalformedJsonException malformed(String what) {
    return new MalformedJsonException(what);
  }

  /** Unwraps the {@link ApiException} from a failed future's exception, for synchronous callers. */
  public static RuntimeException unwrap(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof CompletionException
            || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
  }
}
