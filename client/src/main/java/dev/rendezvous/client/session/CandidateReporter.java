package dev.rendezvous.client.session;

import dev.rendezvous.client.http.RendezvousHttpApi;
import dev.rendezvous.protocol.identity.ClientCredentials;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells the service this client's LAN candidates ({@code PUT /me/candidates}) so that peers behind
 * the same NAT can reach it without hairpinning: after the first accepted pulse, and again when its
 * public mapping or its local addresses change. A failed report is reported to the app's {@code
 * onError} and tried again at the next change (not sooner: a service without the route must not
 * cost a request every few seconds).
 */
final class CandidateReporter {
  private final RendezvousHttpApi api;
  private final ClientCredentials me;
  private final InetSocketAddress socket;
  private final boolean ipv6Capable;
  private final EventDispatcher events;
  private final AtomicReference<List<InetSocketAddress>> reported = new AtomicReference<>();

  CandidateReporter(
      RendezvousHttpApi api,
      ClientCredentials me,
      InetSocketAddress socket,
      boolean ipv6Capable,
      EventDispatcher events) {
    this.api = api;
    this.me = me;
    this.socket = socket;
    this.ipv6Capable = ipv6Capable;
    this.events = events;
  }

  /** True when the local addresses differ from those last reported (or none were). */
  boolean localAddressesChanged() {
    return !Objects.equals(reported.get(), LocalCandidates.of(socket, ipv6Capable));
  }

  /** Reports the current LAN addresses (the service is told even when they did not change). */
  void report() {
    List<InetSocketAddress> now = LocalCandidates.of(socket, ipv6Capable);
    reported.set(now);
    var unused =
        api.reportCandidates(me, now)
            .whenComplete(
                (stored, failure) -> {
                  if (failure != null) {
                    events.fire(l -> l.onError("reporting LAN candidates failed", failure));
                  }
                });
  }
}
