package dev.rendezvous.client.punch;

import dev.rendezvous.client.session.NatMapping;
import dev.rendezvous.protocol.identity.ClientId;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
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

  /** The peer's address as the service recorded it (its latest pulse). */
  volatile InetSocketAddress target;

  /** Every candidate of the peer this punch sends to. */
  volatile PunchTargets targets;

  /** The first answer from a less preferred path, kept while a better one may still answer. */
  volatile InetSocketAddress fallback;

  volatile Optional<InetSocketAddress> fallbackSeenByPeer = Optional.empty();
  volatile ScheduledFuture<?> grace;

  /** The peer's nonce and source address, once one of its PUNCHes arrived. */
  volatile long peerNonce;

  volatile InetSocketAddress peerSource;
  volatile ScheduledFuture<?> ticker;
  volatile ScheduledFuture<?> deadline;

  /** The open link this attempt punches again after a handover; null for a new punch. */
  volatile PeerLink relink;

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

  /** This client's NAT mapping as the probe at the start found it, if it is known yet. */
  private NatMapping probed() {
    CompletableFuture<NatMapping> p = probe;
    return p == null ? null : p.getNow(null);
  }

  /**
   * Why punching timed out: an address-dependent mapping (the peer's punches came from another port
   * than the service recorded, or this client's probe saw two mappings), or plain no reply.
   */
  PunchFailure timeoutReason() {
    InetSocketAddress other = peerSource;
    boolean peerRemapped = other != null && !other.equals(target);
    NatMapping mine = probed();
    boolean meRemapped = mine != null && mine.kind() == NatMapping.Kind.ADDRESS_DEPENDENT;
    return peerRemapped || meRemapped
        ? PunchFailure.MAPPING_ADDRESS_DEPENDENT
        : PunchFailure.NO_REPLY;
  }

  /** What was seen when punching timed out, for people. */
  String timeoutDetail() {
    InetSocketAddress other = peerSource;
    if (other != null && !other.equals(target)) {
      return "the peer's punches came from "
          + other
          + " but the service saw it at "
          + target
          + ": the peer's NAT maps each destination to its own port";
    }
    NatMapping mine = probed();
    if (mine != null && mine.kind() == NatMapping.Kind.ADDRESS_DEPENDENT) {
      return "no reply from "
          + target
          + "; this client's NAT mapped two edge ports to "
          + mine.primary().get()
          + " and "
          + mine.probe().get()
          + " (address-dependent mapping): hole punching cannot cross it";
    }
    return "no reply from "
        + (targets == null ? String.valueOf(target) : String.valueOf(targets))
        + " after "
        + sent.get()
        + " punches"
        + (mine == null ? "" : " (this client's NAT mapping: " + mine.kind() + ")");
  }
}
