package dev.rendezvous.client.punch;

import java.io.IOException;
import java.util.Collection;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Keeps open links alive and notices dead ones, once a second: a link that sent nothing for its
 * keepalive interval sends a KEEPALIVE (so the NAT mappings on its path stay open); a link that
 * heard nothing from its peer for two intervals and a second is presumed broken (this client's or
 * the peer's network changed) and handed to {@code silent}, which punches it again.
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
      if (now - link.lastHeardMillis() >= 2 * every + TICK_MILLIS) {
        silent.accept(link);
      }
    }
  }
}
