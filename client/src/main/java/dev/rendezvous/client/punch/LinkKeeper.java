package dev.rendezvous.client.punch;

import java.io.IOException;
import java.util.Collection;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Keeps open links alive and notices dead ones, once a second: each link sends a KEEPALIVE every
 * keepalive interval (so the NAT mappings on its path stay open); a link that heard nothing from
 * its peer for two intervals and a second is presumed broken (this client's or the peer's network
 * changed) and handed to {@code silent}, which punches it again. A link whose re-punch then fails
 * while it is still silent is closed (the peer is gone).
 */
final class LinkKeeper implements Runnable {
  static final long TICK_MILLIS = 1000;

  private final Collection<PeerLink> links;
  private final LongSupplier clock;
  private final Consumer<PeerLink> silent;

  LinkKeeper(Collection<PeerLink> links, LongSupplier clock, Consumer<PeerLink> silent) {
    this.links = links;
    this.clock = clock;
    this.silent = silent;
  }

  @Override
  public void run() {
    long now = clock.getAsLong();
    for (PeerLink link : links) {
      long every = link.keepaliveMillis();
      if (now - link.lastSentMillis() >= every) {
        try {
          link.keepalive(now);
        } catch (IOException e) {
          silent.accept(link); // a send error: the network may have changed under the socket
          continue;
        }
      }
      if (isSilent(link, now)) {
        silent.accept(link);
      }
    }
  }

  /** True when nothing came from the link's peer for two keepalive intervals and a tick. */
  static boolean isSilent(PeerLink link, long nowMillis) {
    return nowMillis - link.lastHeardMillis() >= 2 * link.keepaliveMillis() + TICK_MILLIS;
  }
}
