package dev.rendezvous.client.internal;

import java.io.IOException;
import java.util.Collection;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Keeps open links alive and notices dead ones, once a second (SDK internals; runs the two-sided
 * links and the call links alike): each link sends a KEEPALIVE every keepalive interval (so the NAT
 * mappings on its path stay open); a link that heard nothing from its peer for two intervals and a
 * second is presumed broken (this client's or the peer's network changed) and handed to {@code
 * silent}, which punches it again. A link whose re-punch then fails while it is still silent is
 * closed (the peer is gone).
 *
 * @param <L> the kind of link
 */
public final class LinkKeeper<L> implements Runnable {
  public static final long TICK_MILLIS = 1000;

  private final Collection<L> links;
  private final Function<L, LinkLiveness> liveness;
  private final LongSupplier clock;
  private final Consumer<L> silent;

  /**
   * @param links the open links (a live view)
   * @param liveness each link's timings
   * @param clock local milliseconds
   * @param silent told (on the keeper's thread) about each link that went silent
   */
  public LinkKeeper(
      Collection<L> links,
      Function<L, LinkLiveness> liveness,
      LongSupplier clock,
      Consumer<L> silent) {
    this.links = links;
    this.liveness = liveness;
    this.clock = clock;
    this.silent = silent;
  }

  @Override
  public void run() {
    long now = clock.getAsLong();
    for (L link : links) {
      LinkLiveness l = liveness.apply(link);
      if (now - l.lastSentMillis() >= l.keepaliveMillis()) {
        try {
          l.keepalive(now);
        } catch (IOException e) {
          silent.accept(link); // a send error: the network may have changed under the socket
          continue;
        }
      }
      if (l.isSilent(now)) {
        silent.accept(link);
      }
    }
  }
}
