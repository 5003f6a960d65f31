package dev.rendezvous.internalapi;

import dev.rendezvous.core.call.PushChannel;
import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.InternalSecret;
import dev.rendezvous.core.directory.OwnedState;
import dev.rendezvous.internalapi.InternalApiException.Reason;
import dev.rendezvous.protocol.identity.ClientId;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls edge tasks' internal APIs: asynchronous, on the JDK's {@link HttpClient} (HTTP/1.1,
 * connections kept alive and reused) with its own small executor, so it never runs on a caller's
 * event loop. Every call signs its request ({@link RequestSigning}) and is bounded by one timeout
 * in all; within it, a call is tried once more after a refused signature (with the secret read
 * again, if it changed) or a failed connection (a kept-alive connection the owner closed). A failed
 * call completes exceptionally with an {@link InternalApiException}.
 */
public final class InternalApiClient implements AutoCloseable {
  private static final byte[] NO_BODY = new byte[0];
  private static final int THREADS = 2;

  private final SecretSource secrets;
  private final Duration timeout;
  private final Clock clock;
  private final ExecutorService executor;
  private final HttpClient http;

  /**
   * @param timeout the bound of each call, retries included
   * @param clock the source of the requests' timestamps
   */
  public InternalApiClient(SecretSource secrets, Duration timeout, Clock clock) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
    }
    this.secrets = secrets;
    this.timeout = timeout;
    this.clock = clock;
    this.executor = Executors.newFixedThreadPool(THREADS, new DaemonThreads());
    this.http =
        HttpClient.newBuilder()
            .executor(executor)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(HttpClient.Builder.NO_PROXY)
            .build();
  }

  public Duration timeout() {
    return timeout;
  }

  /** The families of the client the task owns, with their exact state; empty on 404 (none). */
  public CompletableFuture<List<OwnedState>> lookUp(InternalEndpoint owner, ClientId clientId) {
    InternalRoute route = new InternalRoute(InternalAction.LOOK_UP, clientId);
    return call(owner, route, NO_BODY)
        .thenApply(
            response -> {
              if (response.statusCode() == 404) {
                return List.of();
              }
              if (response.statusCode() != 200) {
                throw unexpected(owner, route, response);
              }
              try {
                return InternalJson.parseOwnedStates(clientId, response.body());
              } catch (InternalBodyException e) {
                throw new InternalApiException(
                    Reason.UNEXPECTED_ANSWER, owner + " answered a malformed body", e);
              }
            });
  }

  /** Tells the owner the client verified at {@code at}. */
  public CompletableFuture<Void> verified(InternalEndpoint owner, ClientId clientId, Instant at) {
    return tell(
        owner, new InternalRoute(InternalAction.VERIFIED, clientId), InternalJson.verified(at));
  }

  /** Tells the owner the client logged out. */
  public CompletableFuture<Void> loggedOut(InternalEndpoint owner, ClientId clientId) {
    return tell(owner, new InternalRoute(InternalAction.LOGGED_OUT, clientId), NO_BODY);
  }

  /** Tells a previous owner that {@code family} of the client is owned with {@code newerEpoch}. */
  public CompletableFuture<Void> revoke(
      InternalEndpoint owner, ClientId clientId, AddressFamily family, long newerEpoch) {
    return tell(
        owner,
        new InternalRoute(InternalAction.REVOKE, clientId),
        InternalJson.revocation(new Revocation(family, newerEpoch)));
  }

  /**
   * Asks the owner to push a PUNCH_NOW to the client and wait for its acknowledgement; bounded by
   * {@code bound} (the owner's own wait for the acknowledgement, plus the round trip).
   */
  public CompletableFuture<PushChannel.Result> punchNow(
      InternalEndpoint owner, ClientId clientId, PunchNowRequest request, Duration bound) {
    InternalRoute route = new InternalRoute(InternalAction.PUNCH_NOW, clientId);
    return call(owner, route, InternalJson.punchNow(request), bound)
        .thenApply(
            response ->
                switch (response.statusCode()) {
                  case 204 -> PushChannel.Result.of(PushChannel.Outcome.ACKNOWLEDGED);
                  case 404 -> PushChannel.Result.of(PushChannel.Outcome.NOT_OWNED);
                  case 409 -> PushChannel.Result.of(PushChannel.Outcome.NO_ACK);
                  case 429 -> rateLimited(owner, response.body());
                  default -> throw unexpected(owner, route, response);
                });
  }

  private static PushChannel.Result rateLimited(InternalEndpoint owner, byte[] body) {
    try {
      return new PushChannel.Result(
          PushChannel.Outcome.RATE_LIMITED, InternalJson.parseRetryAfter(body));
    } catch (InternalBodyException e) {
      throw new InternalApiException(
          Reason.UNEXPECTED_ANSWER, owner + " answered a malformed 429 body", e);
    }
  }

  /** Stops the executor; calls still in flight end with their timeout. */
  @Override
  public void close() {
    executor.shutdownNow();
  }

  private CompletableFuture<Void> tell(InternalEndpoint owner, InternalRoute route, byte[] body) {
    return call(owner, route, body)
        .thenAccept(
            response -> {
              if (response.statusCode() != 204) {
                throw unexpected(owner, route, response);
              }
            });
  }

  private CompletableFuture<HttpResponse<byte[]>> call(
      InternalEndpoint owner, InternalRoute route, byte[] body) {
    return call(owner, route, body, timeout);
  }

  private CompletableFuture<HttpResponse<byte[]>> call(
      InternalEndpoint owner, InternalRoute route, byte[] body, Duration bound) {
    long deadlineNanos = System.nanoTime() + bound.toNanos();
    return attempt(owner, route, body, deadlineNanos, true)
        .orTimeout(bound.toNanos(), TimeUnit.NANOSECONDS)
        .handle(
            (response, error) -> {
              if (error == null) {
                return response;
              }
              Throwable cause = unwrap(error);
              if (cause instanceof InternalApiException known) {
                throw known;
              }
              if (cause instanceof TimeoutException) {
                throw new InternalApiException(
                    Reason.TIMED_OUT, owner + " did not answer within " + bound.toMillis() + " ms");
              }
              throw new InternalApiException(Reason.UNREACHABLE, owner + ": " + cause, cause);
            });
  }

  private CompletableFuture<HttpResponse<byte[]>> attempt(
      InternalEndpoint owner,
      InternalRoute route,
      byte[] body,
      long deadlineNanos,
      boolean mayRetry) {
    Optional<InternalSecret> secret;
    try {
      secret = secrets.current();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(
          new InternalApiException(Reason.NO_SECRET, "could not read the internal secret", e));
    }
    long remainingNanos = deadlineNanos - System.nanoTime();
    if (secret.isEmpty()) {
      return CompletableFuture.failedFuture(
          new InternalApiException(Reason.NO_SECRET, "there is no internal secret yet"));
    }
    if (remainingNanos <= 0) {
      return CompletableFuture.failedFuture(
          new InternalApiException(Reason.TIMED_OUT, owner + ": no time left to call"));
    }
    InternalSecret used = secret.get();
    HttpRequest request = signed(owner, route, body, used, Duration.ofNanos(remainingNanos));
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .exceptionallyCompose(
            error -> {
              Throwable cause = unwrap(error);
              if (cause instanceof HttpTimeoutException) {
                return CompletableFuture.failedFuture(
                    new InternalApiException(Reason.TIMED_OUT, owner + ": " + cause, cause));
              }
              if (cause instanceof IOException && mayRetry && timeLeft(deadlineNanos)) {
                return attempt(owner, route, body, deadlineNanos, false);
              }
              return CompletableFuture.failedFuture(
                  new InternalApiException(Reason.UNREACHABLE, owner + ": " + cause, cause));
            })
        .thenCompose(
            response -> {
              if (response.statusCode() != 401) {
                return CompletableFuture.completedFuture(response);
              }
              secrets.rejected(used);
              if (mayRetry && timeLeft(deadlineNanos) && !secretUnchanged(used)) {
                return attempt(owner, route, body, deadlineNanos, false);
              }
              return CompletableFuture.failedFuture(
                  new InternalApiException(Reason.REJECTED, owner + " refused the signature"));
            });
  }

  private static boolean timeLeft(long deadlineNanos) {
    return deadlineNanos - System.nanoTime() > 0;
  }

  private boolean secretUnchanged(InternalSecret used) {
    try {
      return secrets.current().map(used::equals).orElse(true);
    } catch (RuntimeException e) {
      return true;
    }
  }

  private HttpRequest signed(
      InternalEndpoint owner,
      InternalRoute route,
      byte[] body,
      InternalSecret secret,
      Duration requestTimeout) {
    long timestampMillis = clock.millis();
    String path = route.path();
    String signature = new RequestSigning(secret).sign(route.method(), path, timestampMillis, body);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(owner.uri(path))
            .timeout(requestTimeout)
            .header(RequestSigning.TIMESTAMP_HEADER, Long.toString(timestampMillis))
            .header(RequestSigning.SIGNATURE_HEADER, signature);
    if (route.method().equals("GET")) {
      return builder.GET().build();
    }
    return builder
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private static InternalApiException unexpected(
      InternalEndpoint owner, InternalRoute route, HttpResponse<byte[]> response) {
    return new InternalApiException(
        Reason.UNEXPECTED_ANSWER,
        owner
            + " answered "
            + response.statusCode()
            + " to "
            + route.method()
            + " "
            + route.path());
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static final class DaemonThreads implements java.util.concurrent.ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "internal-api-client-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
