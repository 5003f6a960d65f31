package dev.rendezvous.client.call;

import dev.rendezvous.client.punch.PunchOptions;
import dev.rendezvous.client.session.NatMapping;
import dev.rendezvous.protocol.identity.ClientId;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** One side's punching for one call, until it succeeds or times out. */
final class CallAttempt {
  final ClientId peer;
  final InetSocketAddress target;
  final LinkState state;
  final PunchOptions options;
  final long startMillis;
  final CompletableFuture<NatMapping> probe;
  final CompletableFuture<CallResult> result = new CompletableFuture<>();
  final AtomicInteger sent = new AtomicInteger();
  volatile InetSocketAddress peerSource;
  volatile ScheduledFuture<?> ticker;
  volatile ScheduledFuture<?> deadline;
  SecureLink link; // guarded by this

  CallAttempt(
      ClientId peer,
      InetSocketAddress target,
      LinkState state,
      PunchOptions options,
      long startMillis,
      CompletableFuture<NatMapping> probe) {
    this.peer = peer;
    this.target = target;
    this.state = state;
    this.options = options;
    this.startMillis = startMillis;
    this.probe = probe;
  }

  Duration elapsedAt(long nowMillis) {
    return Duration.ofMillis(nowMillis - startMillis);
  }

  /** Why punching timed out (the same signals as the two-sided punch). */
  CallFailure timeoutReason() {
    return peerRemapped() || meRemapped()
        ? CallFailure.MAPPING_ADDRESS_DEPENDENT
        : CallFailure.NO_REPLY;
  }

  String timeoutDetail() {
    InetSocketAddress other = peerSource;
    if (peerRemapped()) {
      return "the peer's punches came from "
          + other
          + " but the service saw it at "
          + target
          + ": the peer's NAT maps each destination to its own port";
    }
    if (meRemapped()) {
      NatMapping mine = probe.getNow(null);
      return "no reply from "
          + target
          + "; this client's NAT mapped two edge ports to "
          + mine.primary().get()
          + " and "
          + mine.probe().get()
          + " (address-dependent mapping): hole punching cannot cross it";
    }
    return "no authentic reply from " + target + " after " + sent.get() + " punches";
  }

  private boolean peerRemapped() {
    InetSocketAddress other = peerSource;
    return other != null && !other.equals(target);
  }

  private boolean meRemapped() {
    NatMapping mine = probe.getNow(null);
    return mine != null && mine.kind() == NatMapping.Kind.ADDRESS_DEPENDENT;
  }
}
