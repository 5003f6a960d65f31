package dev.rendezvous.store.dynamodb.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;

/**
 * Loses DynamoDB's answers on the way back: an armed request is delivered to the engine, which
 * applies it and answers, and then the answer is thrown away and the call fails with an {@link
 * IOException}, as when a connection drops after the server has written. The SDK retries such a
 * failure with the very same request, which is what conditional writes must survive.
 *
 * <p>Wrap the real HTTP clients with {@link #around(SdkHttpClient)} and {@link
 * #around(SdkAsyncHttpClient)}, then {@link #loseNext(String, int)} for an operation by name.
 */
public final class LostResponses {
  private static final String TARGET_HEADER = "X-Amz-Target";
  private static final String TARGET_PREFIX = "DynamoDB_20120810.";
  private static final String ANY_WRITE = "any write";
  private static final Set<String> WRITES =
      Set.of("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem");

  private static final String ATTEMPT_HEADER = "amz-sdk-request";

  private final Map<String, AtomicInteger> armed = new ConcurrentHashMap<>();
  private volatile boolean everyFirstAttempt;
  private final Map<String, AtomicInteger> lost = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();

  /** Loses the answers of the next {@code count} requests of {@code operation} (e.g. PutItem). */
  public LostResponses loseNext(String operation, int count) {
    armed.computeIfAbsent(operation, k -> new AtomicInteger()).addAndGet(count);
    return this;
  }

  /** Loses the answers of the next {@code count} writes, whichever operation each is. */
  public LostResponses loseNextWrites(int count) {
    return loseNext(ANY_WRITE, count);
  }

  /**
   * From now on, loses the answer of the first attempt of every write (the SDK numbers its attempts
   * in the {@code amz-sdk-request} header), so every write lands once and is then retried.
   */
  public LostResponses loseEveryFirstWriteAttempt() {
    everyFirstAttempt = true;
    return this;
  }

  /** How many answers of {@code operation} were thrown away so far. */
  public int lost(String operation) {
    AtomicInteger n = lost.get(operation);
    return n == null ? 0 : n.get();
  }

  /** How many requests of {@code operation} reached the engine so far (retries included). */
  public int sent(String operation) {
    AtomicInteger n = sent.get(operation);
    return n == null ? 0 : n.get();
  }

  public SdkHttpClient around(SdkHttpClient delegate) {
    return new SdkHttpClient() {
      @Override
      public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest real = delegate.prepareRequest(request);
        String operation = operation(request.httpRequest());
        boolean first = isFirstAttempt(request.httpRequest());
        return new ExecutableHttpRequest() {
          @Override
          public HttpExecuteResponse call() throws IOException {
            boolean lose = take(operation, first);
            HttpExecuteResponse response = real.call();
            if (!lose) {
              return response;
            }
            if (response.responseBody().isPresent()) {
              try (InputStream body = response.responseBody().get()) {
                body.readAllBytes();
              }
            }
            throw lostAnswer(operation, response.httpResponse());
          }

          @Override
          public void abort() {
            real.abort();
          }
        };
      }

      @Override
      public void close() {
        delegate.close();
      }
    };
  }

  public SdkAsyncHttpClient around(SdkAsyncHttpClient delegate) {
    return new SdkAsyncHttpClient() {
      @Override
      public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
        String operation = operation(request.request());
        if (!take(operation, isFirstAttempt(request.request()))) {
          return delegate.execute(request);
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        SdkAsyncHttpResponseHandler caller = request.responseHandler();
        SdkAsyncHttpResponseHandler swallow =
            new SdkAsyncHttpResponseHandler() {
              private volatile SdkHttpResponse headers;

              @Override
              public void onHeaders(SdkHttpResponse response) {
                headers = response;
              }

              @Override
              public void onStream(Publisher<ByteBuffer> stream) {
                stream.subscribe(
                    new Drain(
                        () -> {
                          IOException e = lostAnswer(operation, headers);
                          caller.onError(e);
                          result.completeExceptionally(e);
                        }));
              }

              @Override
              public void onError(Throwable error) {
                caller.onError(error);
                result.completeExceptionally(error);
              }
            };
        AsyncExecuteRequest.Builder copy =
            AsyncExecuteRequest.builder()
                .request(request.request())
                .requestContentPublisher(request.requestContentPublisher())
                .responseHandler(swallow)
                .fullDuplex(request.fullDuplex())
                .httpExecutionAttributes(request.httpExecutionAttributes());
        request.metricCollector().ifPresent(copy::metricCollector);
        var unused =
            delegate
                .execute(copy.build())
                .whenComplete(
                    (ignored, error) -> {
                      if (error != null) {
                        result.completeExceptionally(error);
                      }
                    });
        return result;
      }

      @Override
      public void close() {
        delegate.close();
      }
    };
  }

  private boolean take(String operation, boolean firstAttempt) {
    sent.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    boolean write = WRITES.contains(operation);
    boolean everyFirst = everyFirstAttempt && write && firstAttempt;
    if (!everyFirst && !takeArmed(operation) && !(write && takeArmed(ANY_WRITE))) {
      return false;
    }
    lost.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    return true;
  }

  private boolean takeArmed(String key) {
    AtomicInteger left = armed.get(key);
    return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  private static boolean isFirstAttempt(SdkHttpRequest request) {
    return request
        .firstMatchingHeader(ATTEMPT_HEADER)
        .map(h -> h.matches("(?s).*\\battempt=1(;.*|$)"))
        .orElse(true);
  }

  private static String operation(SdkHttpRequest request) {
    return request
        .firstMatchingHeader(TARGET_HEADER)
        .map(t -> t.startsWith(TARGET_PREFIX) ? t.substring(TARGET_PREFIX.length()) : t)
        .orElse("?");
  }

  private static IOException lostAnswer(String operation, SdkHttpResponse response) {
    return new IOException(
        "injected: the answer to "
            + operation
            + " (HTTP "
            + (response == null ? "?" : response.statusCode())
            + ") was lost on its way back");
  }

  /** Reads a response body to its end, then runs {@code done}. */
  private static final class Drain implements Subscriber<ByteBuffer> {
    private final Runnable done;

    Drain(Runnable done) {
      this.done = done;
    }

    @Override
    public void onSubscribe(Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ByteBuffer item) {
      // thrown away
    }

    @Override
    public void onError(Throwable error) {
      done.run();
    }

    @Override
    public void onComplete() {
      done.run();
    }
  }
}
