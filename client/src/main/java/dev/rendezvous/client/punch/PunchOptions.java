package dev.rendezvous.client.punch;

import dev.rendezvous.client.internal.LinkKeeper;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/** How long and how hard to punch. Immutable; start from {@link #defaults()}. */
public final class PunchOptions {
  private final Duration timeout;
  private final Duration retryInterval;
  private final Duration waitForPeer;
  private final Consumer<String> progress;
  private final Duration keepalive;

  private PunchOptions(
      Duration timeout,
      Duration retryInterval,
      Duration waitForPeer,
      Consumer<String> progress,
      Duration keepalive) {
    if (timeout.toMillis() < 1 || retryInterval.toMillis() < 1 || waitForPeer.isNegative()) {
      throw new IllegalArgumentException("timeout and retry interval must be positive");
    }
    if (keepalive.toMillis() < LinkKeeper.TICK_MILLIS) {
      throw new IllegalArgumentException("keepalive must be at least 1 s");
    }
    this.keepalive = keepalive;
    this.timeout = timeout;
    this.retryInterval = retryInterval;
    this.waitForPeer = waitForPeer;
    this.progress = Objects.requireNonNull(progress);
  }

  /**
   * 10 s timeout, a punch every 200 ms, no waiting for an absent peer, no progress output, a
   * keepalive every 15 s.
   */
  public static PunchOptions defaults() {
    return new PunchOptions(
        Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ZERO, s -> {}, KEEPALIVE);
  }

  /** The default keepalive interval: well inside the shortest common NAT UDP timeout (30 s). */
  public static final Duration KEEPALIVE = Duration.ofSeconds(15);

  /** The whole punch, after the peer was found, fails after this. */
  public Duration timeout() {
    return timeout;
  }

  /** Time between two PUNCH datagrams. */
  public Duration retryInterval() {
    return retryInterval;
  }

  /**
   * How long to keep looking the peer up while it is unknown or offline (zero: fail at once with
   * PEER_UNKNOWN or PEER_OFFLINE).
   */
  public Duration waitForPeer() {
    return waitForPeer;
  }

  /** Receives short human-readable progress lines, on the client's callback executor. */
  public Consumer<String> progress() {
    return progress;
  }

  public PunchOptions withTimeout(Duration t) {
    return new PunchOptions(t, retryInterval, waitForPeer, progress, keepalive);
  }

  public PunchOptions withRetryInterval(Duration every) {
    return new PunchOptions(timeout, every, waitForPeer, progress, keepalive);
  }

  public PunchOptions withWaitForPeer(Duration wait) {
    return new PunchOptions(timeout, retryInterval, wait, progress, keepalive);
  }

  public PunchOptions withProgress(Consumer<String> p) {
    return new PunchOptions(timeout, retryInterval, waitForPeer, p, keepalive);
  }

  /**
   * How often an open link sends a KEEPALIVE. A link that hears nothing from its peer for two
   * intervals and a second is punched again (a handover on either side), so this also bounds how
   * long a link stays down after a network change (default 15 s).
   */
  public Duration keepalive() {
    return keepalive;
  }

  public PunchOptions withKeepalive(Duration every) {
    return new PunchOptions(timeout, retryInterval, waitForPeer, progress, every);
  }

  @Override
  public String toString() {
    return "PunchOptions[timeout="
        + timeout.toMillis()
        + " ms, every "
        + retryInterval.toMillis()
        + " ms, wait for peer "
        + waitForPeer.toMillis()
        + " ms, keepalive "
        + keepalive.toMillis()
        + " ms]";
  }
}
