package dev.rendezvous.client.session;

import dev.rendezvous.client.call.Calls;
import dev.rendezvous.client.punch.HolePuncher;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the session does when its network changes. Three signals: the edge reports a new public
 * mapping in a pulse reply (the NAT rebound, or the route now leaves through another network), the
 * local addresses change (checked every few seconds), or an open link goes silent or its peer
 * punches it again (the {@link HolePuncher} notices those itself and pulses at once). On the first
 * two it pulses at once if the edge has not just told it (so the directory has the new address; the
 * edge's fresh-proof challenge costs one round trip), reports the LAN candidates again, and punches
 * every open link again (the two-sided links and the call links alike); the peers follow when their
 * links go silent or see the new punches.
 */
final class Handover implements NetworkWatch.Reactions, AutoCloseable {
  private static final long LOCAL_CHECK_MILLIS = 3000;

  private final CandidateReporter reporter;
  private final PulseLoop pulses;
  private final HolePuncher puncher;
  private final Calls calls;
  private volatile ScheduledFuture<?> localCheck;

  Handover(CandidateReporter reporter, PulseLoop pulses, HolePuncher puncher, Calls calls) {
    this.reporter = reporter;
    this.pulses = pulses;
    this.puncher = puncher;
    this.calls = calls;
  }

  private void repunchAll() {
    puncher.repunchAll();
    calls.repunchAll();
  }

  /** Starts checking the local addresses every few seconds. */
  void watchLocalAddresses(ScheduledExecutorService timers) {
    localCheck =
        timers.scheduleWithFixedDelay(
            this::checkLocalAddresses,
            LOCAL_CHECK_MILLIS,
            LOCAL_CHECK_MILLIS,
            TimeUnit.MILLISECONDS);
  }

  private void checkLocalAddresses() {
    if (pulses.mapping().isPresent() && reporter.localAddressesChanged()) {
      pulses.pulseEveryEdgeNow(); // the reply may bring a new mapping: mappingMoved below
      reporter.report();
      repunchAll();
    }
  }

  @Override
  public void mappingLearned() {
    reporter.report();
  }

  @Override
  public void mappingMoved(InetSocketAddress from, InetSocketAddress to) {
    reporter.report();
    repunchAll();
  }

  @Override
  public void close() {
    ScheduledFuture<?> check = localCheck;
    if (check != null) {
      check.cancel(false);
    }
  }
}
