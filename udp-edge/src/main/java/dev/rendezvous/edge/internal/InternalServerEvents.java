package dev.rendezvous.edge.internal;

import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the internal API server tells operators: counts, and log lines at most once per 10 s per
 * kind, so that a flood of bad requests never turns into a flood of logs.
 */
final class InternalServerEvents {
  private static final Logger LOG = LoggerFactory.getLogger(InternalApiServer.class);
  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong connectionsRefused = new AtomicLong();
  private final AtomicLong lastRefusedLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
  private final AtomicLong lastOverflowLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
  private final AtomicLong lastFailureLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

  /** Requests answered 401 so far. */
  long refusedRequests() {
    return refused.get();
  }

  /** Connections closed at once because too many were open. */
  long refusedConnections() {
    return connectionsRefused.get();
  }

  void refused(SocketAddress remote) {
    long count = refused.incrementAndGet();
    if (due(lastRefusedLog)) {
      LOG.atWarn()
          .addKeyValue("event", "internal_api_refused")
          .addKeyValue("remote", String.valueOf(remote))
          .addKeyValue("refused_total", count)
          .log("internal API: refused a request that was not signed with the internal secret");
    }
  }

  void tooManyConnections(int max) {
    long count = connectionsRefused.incrementAndGet();
    if (due(lastOverflowLog)) {
      LOG.atWarn()
          .addKeyValue("event", "internal_api_connections_full")
          .addKeyValue("max_connections", max)
          .addKeyValue("refused_total", count)
          .log("internal API: too many open connections, closing new ones");
    }
  }

  void slowAnswer() {
    failed(new IllegalStateException("the live table did not answer in time"));
  }

  void failed(Throwable cause) {
    if (due(lastFailureLog)) {
      LOG.atWarn()
          .addKeyValue("event", "internal_api_failed")
          .addKeyValue("error", cause.getClass().getSimpleName())
          .log("internal API: could not answer a request: {}", cause.getMessage());
    }
  }

  void connectionError(SocketAddress remote, Throwable cause) {
    LOG.atDebug()
        .addKeyValue("event", "internal_api_connection_error")
        .addKeyValue("remote", String.valueOf(remote))
        .addKeyValue("error", cause.getClass().getSimpleName())
        .log("internal API: connection closed after an error");
  }

  private static boolean due(AtomicLong last) {
    long now = System.nanoTime();
    long previous = last.get();
    return now - previous >= LOG_EVERY_NANOS && last.compareAndSet(previous, now);
  }
}
