package dev.rendezvous.client.internal;

import java.io.IOException;

/**
 * When a link last heard from its peer and last sent to it, and how often it sends a keepalive (SDK
 * internals, shared by two-sided links and call links so that one {@link LinkKeeper} serves both).
 * Thread-safe.
 */
public final class LinkLiveness {
  /** Sends one keepalive on the link's current path (nothing once the link is closed). */
  public interface Keepalive {
    void send() throws IOException;
  }

  private final long keepaliveMillis;
  private final Keepalive keepalive;
  private volatile long lastHeardMillis;
  private volatile long lastSentMillis;

  public LinkLiveness(long keepaliveMillis, long nowMillis, Keepalive keepalive) {
    this.keepaliveMillis = keepaliveMillis;
    this.keepalive = keepalive;
    this.lastHeardMillis = nowMillis;
    this.lastSentMillis = nowMillis;
  }

  public long keepaliveMillis() {
    return keepaliveMillis;
  }

  public long lastHeardMillis() {
    return lastHeardMillis;
  }

  public long lastSentMillis() {
    return lastSentMillis;
  }

  /** Something authentic arrived from the peer at {@code nowMillis}. */
  public void heard(long nowMillis) {
    lastHeardMillis = nowMillis;
  }

  /** Sends a keepalive now. */
  public void keepalive(long nowMillis) throws IOException {
    lastSentMillis = nowMillis;
    keepalive.send();
  }

  /** True when nothing came from the peer for two keepalive intervals and a keeper tick. */
  public boolean isSilent(long nowMillis) {
    return nowMillis - lastHeardMillis >= 2 * keepaliveMillis + LinkKeeper.TICK_MILLIS;
  }
}
