package dev.rendezvous.client.punch;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * How long and how hard to punch.
 *
 * @param timeout the whole punch, after the peer was found, fails after this
 * @param retryInterval time between two PUNCH datagrams
 * @param waitForPeer how long to keep looking the peer up while it is unknown or offline (zero:
 *     fail at once with PEER_UNKNOWN or PEER_OFFLINE)
 * @param progress receives short human-readable progress lines (may be a no-op)
 */
public record PunchOptions(
    Duration timeout, Duration retryInterval, Duration waitForPeer, Consumer<String> progress) {

  public PunchOptions {
    if (timeout.toMillis() < 1 || retryInterval.toMillis() < 1 || waitForPeer.isNegative()) {
      throw new IllegalArgumentException("timeout and retry interval must be positive");
    }
  }

  /** 10 s timeout, a punch every 200 ms, no waiting for an absent peer, no progress output. */
  public static PunchOptions defaults() {
    return new PunchOptions(Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ZERO, s -> {});
  }

  public PunchOptions withTimeout(Duration t) {
    return new PunchOptions(t, retryInterval, waitForPeer, progress);
  }

  public PunchOptions withWaitForPeer(Duration wait) {
    return new PunchOptions(timeout, retryInterval, wait, progress);
  }

  public PunchOptions withProgress(Consumer<String> p) {
    return new PunchOptions(timeout, retryInterval, waitForPeer, p);
  }
}
