package dev.rendezvous.client.http;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.rendezvous.client.ServerClock;
import dev.rendezvous.protocol.call.CallId;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.Hex;
import dev.rendezvous.protocol.identity.MalformedCredentialException;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * The service's HTTP routes over {@link java.net.HttpURLConnection}, each call run on the SDK's
 * HTTP threads. Every call is asynchronous; failures complete the future with an {@link
 * ApiException}. Each reply's {@code timestamp} corrects the shared {@link ServerClock}.
 * Thread-safe.
 *
 * <p>The futures complete on an HTTP thread: this is the SDK's internal layer. Apps call {@code
 * RendezvousClient}, whose futures complete on the app's callback executor.
 */
public final class RendezvousHttpApi {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final URI baseUrl;
  private final ServerClock clock;
  private final Executor httpThreads;

  /**
   * An API client for the service at {@code baseUrl}.
   *
   * @param httpThreads where the blocking HTTP exchanges run
   */
  public RendezvousHttpApi(URI baseUrl, ServerClock clock, Executor httpThreads) {
    String text = baseUrl.toString();
    this.baseUrl = URI.create(text.endsWith("/") ? text : text + "/");
    this.clock = clock;
    this.httpThreads = httpThreads;
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /** {@code POST /register}: a new identity. */
  public CompletableFuture<Responses.Registered> register() {
    return call(
        "POST",
        "register",
        null,
        body -> {
          PrivateKey key = PrivateKey.tryParse(body.string("private_id")).orElse(null);
          if (key == null) {
            throw new UnexpectedReplyException("private_id is not 64 hex characters");
          }
          if (!key.clientId().hex().equals(body.string("client_id"))) {
            throw new UnexpectedReplyException("client_id does not match private_id");
          }
          return new Responses.Registered(ClientCredentials.of(key), body.timestamp());
        });
  }

  /** {@code POST /verify}: revives a PENDING client. */
  public CompletableFuture<Responses.Verified> verify(ClientCredentials me) {
    return call(
        "POST",
        "verify",
        me.privateKey(),
        body ->
            new Responses.Verified(
                ClientId.parse(body.string("client_id")), body.isTrue("ok"), body.timestamp()));
  }

  /** {@code POST /logout}: the client is gone at once. */
  public CompletableFuture<ClientId> logout(ClientCredentials me) {
    return call("POST", "logout", me.privateKey(), body -> me.clientId());
  }

  /** {@code GET /peer/{id}/udp}. */
  public CompletableFuture<Responses.PeerAddress> peerAddress(ClientCredentials me, ClientId peer) {
    return call(
        "GET",
        "peer/" + peer.hex() + "/udp",
        me.privateKey(),
        body -> {
          return new Responses.PeerAddress(
              ClientId.parse(body.string("client_id")),
              body.string("host"),
              JsonBody.port(body.number("port")),
              body.timestamp(),
              CandidateJson.read(body.get("candidates")));
        });
  }

  /**
   * {@code PUT /me/candidates}: replaces this client's LAN candidates (at most 4 literal IPs with
   * the socket's port); completes with the candidates as the service stored them.
   */
  public CompletableFuture<List<Candidate>> reportCandidates(
      ClientCredentials me, List<InetSocketAddress> lan) {
    return call(
        "PUT",
        "me/candidates",
        me.privateKey(),
        CandidateJson.report(lan),
        body -> CandidateJson.read(body.get("candidates")));
  }

  /** {@code GET /peer/{id}/udp/status}. */
  public CompletableFuture<Responses.PeerStatus> peerStatus(ClientCredentials me, ClientId peer) {
    return call(
        "GET",
        "peer/" + peer.hex() + "/udp/status",
        me.privateKey(),
        body -> {
          Responses.Liveness status;
          try {
            status = Responses.Liveness.valueOf(body.string("status").toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            throw new UnexpectedReplyException("unknown status " + body.text("status"));
          }
          Optional<Duration> since =
              body.optionalNumber("last_online")
                  .map(seconds -> Duration.ofMillis(Math.round(seconds * 1000)));
          return new Responses.PeerStatus(
              ClientId.parse(body.string("client_id")), status, since, body.timestamp());
        });
  }

  /** {@code POST /peer/{id}/connect}: rings the peer; completes once it acknowledged. */
  public CompletableFuture<CallReply> connect(ClientCredentials me, ClientId peer) {
    return call(
        "POST",
        "peer/" + peer.hex() + "/connect",
        me.privateKey(),
        body -> callReply(body, "client_id"));
  }

  /** {@code GET /calls/{call_id}}: the call a PUNCH_NOW announced to this client. */
  public CompletableFuture<CallReply> fetchCall(ClientCredentials me, CallId call) {
    return call("GET", "calls/" + call.hex(), me.privateKey(), body -> callReply(body, "caller"));
  }

  /** {@code GET /call-policy}: whom this client accepts calls from. */
  public CompletableFuture<CallPolicy> callPolicy(ClientCredentials me) {
    return call("GET", "call-policy", me.privateKey(), RendezvousHttpApi::callPolicy);
  }

  /** {@code PUT /call-policy}: sets whom this client accepts calls from; completes with it. */
  public CompletableFuture<CallPolicy> setCallPolicy(ClientCredentials me, CallPolicy policy) {
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("accept", policy.accept().wire());
    List<String> allowed = new ArrayList<>();
    for (ClientId caller : policy.allowed()) {
      allowed.add(caller.hex());
    }
    change.put("allowed", allowed);
    byte[] body;
    try {
      body = JSON.std.asString(change).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("strings and lists of strings always serialize", e);
    }
    return call("PUT", "call-policy", me.privateKey(), body, RendezvousHttpApi::callPolicy);
  }

  private static CallPolicy callPolicy(JsonBody body) {
    CallPolicy.Accept accept = CallPolicy.Accept.parse(body.string("accept"));
    List<ClientId> allowed = new ArrayList<>();
    if (body.get("allowed") instanceof List<?> items) {
      for (Object item : items) {
        if (!(item instanceof String hex)) {
          throw new UnexpectedReplyException("allowed holds a non-string");
        }
        allowed.add(ClientId.parse(hex));
      }
    }
    return CallPolicy.of(accept, allowed);
  }

  private static CallReply callReply(JsonBody body, String peerField) {
    double port = body.number("port");
    if (port < 1 || port > 65535 || port != Math.rint(port)) {
      throw new UnexpectedReplyException("port out of range");
    }
    CallId call =
        CallId.parse(body.string("call_id"))
            .orElseThrow(() -> new UnexpectedReplyException("call_id is not 80 hex characters"));
    byte[] pairKey =
        Hex.decode(body.string("pair_key"), 32)
            .orElseThrow(() -> new UnexpectedReplyException("pair_key is not 64 hex characters"));
    return new CallReply(
        call,
        ClientId.parse(body.string(peerField)),
        body.string("host"),
        (int) port,
        pairKey,
        body.timestamp());
  }

  private <T> CompletableFuture<T> call(
      String method, String path, PrivateKey key, Function<JsonBody, T> reader) {
    return call(method, path, key, null, reader);
  }

  private <T> CompletableFuture<T> call(
      String method, String path, PrivateKey key, byte[] body, Function<JsonBody, T> reader) {
    CompletableFuture<T> result = new CompletableFuture<>();
    URL url;
    try {
      url = baseUrl.resolve(path).toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      result.completeExceptionally(
          new ApiException(0, null, "not an HTTP URL: " + baseUrl.resolve(path), e));
      return result;
    }
    try {
      httpThreads.execute(
          () -> {
            try {
              result.complete(exchange(method, url, key, body, reader));
            } catch (RuntimeException e) {
              result.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new ApiException(0, null, "the client is closed", e));
    }
    return result;
  }

  private <T> T exchange(
      String method, URL url, PrivateKey key, byte[] requestBody, Function<JsonBody, T> reader) {
    long sentAt = clock.localMillis();
    HttpExchange.Reply reply;
    try {
      reply =
          HttpExchange.send(
              method,
              url,
              key == null ? null : key.revealHex(),
              requestBody,
              CONNECT_TIMEOUT,
              REQUEST_TIMEOUT);
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.toString();
      throw new ApiException(0, null, "cannot reach " + url + ": " + why, e);
    }
    long receivedAt = clock.localMillis();
    String route = method + " " + url.getPath();
    if (reply.body == null) {
      throw badBody(route, reply, "over " + HttpExchange.MAX_BODY_BYTES + " bytes", null);
    }
    JsonBody body;
    try {
      body = JsonBody.parse(reply.body);
    } catch (IOException e) {
      throw badBody(route, reply, "that is not JSON (" + firstLine(e.getMessage()) + ")", e);
    }
    if (reply.status != 200 || (!body.isTrue("ok") && !url.getPath().endsWith("/verify"))) {
      String error = body.text("error");
      String message = body.text("message");
      throw new ApiException(
          reply.status,
          error,
          route
              + ": "
              + reply.status
              + (error == null ? "" : " " + error)
              + (message == null ? "" : ": " + message),
          null);
    }
    try {
      T value = reader.apply(body);
      if (body.get("timestamp") instanceof Number) {
        clock.observe(body.timestamp(), sentAt, receivedAt);
      }
      return value;
    } catch (UnexpectedReplyException | MalformedCredentialException | IllegalArgumentException e) {
      throw new ApiException(
          reply.status, null, route + ": unexpected reply (" + e.getMessage() + ")", e);
    }
  }

  private static ApiException badBody(
      String route, HttpExchange.Reply reply, String what, Throwable cause) {
    return new ApiException(
        reply.status, null, route + " answered " + reply.status + " with a body " + what, cause);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Unwraps the {@link ApiException} from a failed future's exception, for synchronous callers. */
  public static RuntimeException unwrap(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
  }
}
