package dev.rendezvous.client.punch;

import dev.rendezvous.client.session.NatMapping;
import dev.rendezvous.protocol.identity.ClientId;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** The state of one running punch; fields change on the timer and socket threads. */
final class PunchAttempt {
  final ClientId peer;
  final long nonce;
  final PunchOptions options;
  final long startMillis;
  final CompletableFuture<PunchResult> result = new CompletableFuture<>();
  final AtomicInteger sent = new AtomicInteger();
  volatile CompletableFuture<NatMapping> probe;

  /** The peer's address as the service recorded it. */
  volatile InetSocketAddress target;

  /** The peer's nonce and source address, once one of its PUNCHes arrived. */
  volatile long peerNonce;

  volatile InetSocketAddress peerSource;
  volatile ScheduledFuture<?> ticker;
  volatile ScheduledFuture<?> deadline;

  /** Set once, under the attempt's lock, when the punch succeeds. */
  PeerLink link;

  PunchAttempt(ClientId peer, long nonce, PunchOptions options, long startMillis) {
    this.peer = peer;
    this.nonce = nonce;
    this.options = options;
    this.startMillis = startMillis;
  }

  Duration elapsedAt(long nowMillis) {
    return Duration.ofMillis(nowMillis - startMillis);
  }
}
