package dev.rendezvous.client.punch;

import dev.rendezvous.client.ServerClock;
import dev.rendezvous.client.http.ApiException;
import dev.rendezvous.client.http.RendezvousHttpApi;
import dev.rendezvous.client.http.Responses;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Finds a peer's public address and candidates before punching: its status must be ONLINE (404
 * means PEER_UNKNOWN, PENDING means PEER_OFFLINE), then its address (404: it never pulsed,
 * PEER_OFFLINE). While the peer is absent it looks again every second until the wait is over.
 */
final class PeerLookup {
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final RendezvousHttpApi api;
  private final ScheduledExecutorService scheduler;
  private final ServerClock clock;

  PeerLookup(RendezvousHttpApi api, ScheduledExecutorService scheduler, ServerClock clock) {
    this.api = api;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /**
   * Completes with the peer's address, or fails with {@link PeerAbsent} (a reason and detail) once
   * {@code waitUntilMillis} (on the local clock) has passed, or with the HTTP failure.
   */
  CompletableFuture<Responses.PeerAddress> find(
      ClientCredentials me, ClientId peer, long waitUntilMillis, Consumer<String> progress) {
    CompletableFuture<Responses.PeerAddress> result = new CompletableFuture<>();
    attempt(me, peer, waitUntilMillis, progress, result);
    return result;
  }

  private void attempt(
      ClientCredentials me,
      ClientId peer,
      long waitUntilMillis,
      Consumer<String> progress,
      CompletableFuture<Responses.PeerAddress> result) {
    if (result.isDone()) {
      return;
    }
    var unused =
        once(me, peer)
            .whenComplete(
                (address, failure) -> {
                  if (failure == null) {
                    result.complete(address);
                    return;
                  }
                  RuntimeException cause = RendezvousHttpApi.unwrap(failure);
                  if (!(cause instanceof PeerAbsent absent)
                      || clock.localMillis() >= waitUntilMillis) {
                    result.completeExceptionally(cause);
                    return;
                  }
                  progress.accept("waiting for the peer: " + absent.getMessage());
                  var unusedRetry =
                      scheduler.schedule(
                          () -> attempt(me, peer, waitUntilMillis, progress, result),
                          RETRY.toMillis(),
                          TimeUnit.MILLISECONDS);
                });
  }

  private CompletableFuture<Responses.PeerAddress> once(ClientCredentials me, ClientId peer) {
    return api.peerStatus(me, peer)
        .exceptionally(
            e -> {
              throw notFoundAs(
                  e, PunchFailure.PEER_UNKNOWN, "the service does not know peer " + peer);
            })
        .thenCompose(
            status -> {
              if (status.status() != Responses.Liveness.ONLINE) {
                throw new PeerAbsent(PunchFailure.PEER_OFFLINE, "peer " + peer + " is PENDING");
              }
              return api.peerAddress(me, peer)
                  .exceptionally(
                      e -> {
                        throw notFoundAs(
                            e, PunchFailure.PEER_OFFLINE, "peer " + peer + " has not pulsed yet");
                      });
            });
  }

  /** A 404 becomes a {@link PeerAbsent} with the given reason; anything else passes through. */
  private static RuntimeException notFoundAs(Throwable e, PunchFailure reason, String detail) {
    RuntimeException cause = RendezvousHttpApi.unwrap(e);
    if (cause instanceof ApiException api && api.isNotFound()) {
      return new PeerAbsent(reason, detail);
    }
    return cause;
  }

  /** The peer exists but cannot be punched (yet), or does not exist. */
  static final class PeerAbsent extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient PunchFailure reason;

    PeerAbsent(PunchFailure reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }

    PunchFailure reason() {
      return reason;
    }
  }
}
