package dev.rendezvous.client.punch;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/** How long and how hard to punch. Immutable; start from {@link #defaults()}. */
public final class PunchOptions {
  private final Duration timeout;
  private final Duration retryInterval;
  private final Duration waitForPeer;
  private final Consumer<String> progress;

  private PunchOptions(
      Duration timeout, Duration retryInterval, Duration waitForPeer, Consumer<String> progress) {
    if (timeout.toMillis() < 1 || retryInterval.toMillis() < 1 || waitForPeer.isNegative()) {
      throw new IllegalArgumentException("timeout and retry interval must be positive");
    }
    this.timeout = timeout;
    this.retryInterval = retryInterval;
    this.waitForPeer = waitForPeer;
    this.progress = Objects.requireNonNull(progress);
  }

  /** 10 s timeout, a punch every 200 ms, no waiting for an absent peer, no progress output. */
  public static PunchOptions defaults() {
    return new PunchOptions(Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ZERO, s -> {});
  }

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
    return new PunchOptions(t, retryInterval, waitForPeer, progress);
  }

  public PunchOptions withRetryInterval(Duration every) {
    return new PunchOptions(timeout, every, waitForPeer, progress);
  }

  public PunchOptions withWaitForPeer(Duration wait) {
    return new PunchOptions(timeout, retryInterval, wait, progress);
  }

  public PunchOptions withProgress(Consumer<String> p) {
    return new PunchOptions(timeout, retryInterval, waitForPeer, p);
  }

  @Override
  public String toString() {
    return "PunchOptions[timeout="
        + timeout.toMillis()
        + " ms, every "
        + retryInterval.toMillis()
        + " ms, wait for peer "
        + waitForPeer.toMillis()
        + " ms]";
  }
}
