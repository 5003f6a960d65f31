package dev.rendezvous.edge.internal;

import java.time.Duration;

/**
 * What bounds the internal API server, whatever arrives.
 *
 * @param maxConnections open connections at once; more are closed as they arrive
 * @param maxBodyBytes request bodies above this are answered 413
 * @param idleTimeout a connection with nothing to read for this long is closed
 * @param answerTimeout how long the server waits for the live table's answer before a 503
 */
public record InternalServerLimits(
    int maxConnections, int maxBodyBytes, Duration idleTimeout, Duration answerTimeout) {

  /**
   * One connection per calling Lambda container or edge task is plenty; bodies are tens of bytes;
   * callers keep connections for 30 s or less between calls; the live table answers in
   * microseconds.
   */
  public static final InternalServerLimits DEFAULTS =
      new InternalServerLimits(2048, 1024, Duration.ofSeconds(60), Duration.ofSeconds(2));

  public InternalServerLimits {
    if (maxConnections < 1 || maxBodyBytes < 64) {
      throw new IllegalArgumentException("at least one connection and 64-byte bodies");
    }
    if (idleTimeout.toMillis() < 1 || answerTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }
}
