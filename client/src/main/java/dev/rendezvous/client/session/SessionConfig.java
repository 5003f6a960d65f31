package dev.rendezvous.client.session;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * How a {@link RendezvousSession} pulses. Validated on construction; build from {@link
 * #defaults(InetSocketAddress)} and the {@code with...} methods.
 *
 * @param edge the edge's UDP address (pulses go here; datagrams from it are protocol replies)
 * @param probeEdge a second edge address (another port of the edge) used only to detect an
 *     address-dependent NAT mapping; empty disables the check
 * @param bindAddress the local address and port of the socket (port 0 = any)
 * @param protocol V2 (authenticated, the default) or V1 (the key on the wire)
 * @param interval mean time between pulses (25 s: many NATs drop UDP mappings after 30 s)
 * @param jitter each interval is drawn uniformly from interval +- jitter
 * @param earlySecondPulse the second pulse follows the first after this (confirms the mapping)
 * @param replyTimeout how long a pulse waits for its reply before it counts as unanswered
 * @param unansweredBeforeVerify after this many unanswered pulses in a row, ask /verify over HTTP
 */
public record SessionConfig(
    InetSocketAddress edge,
    Optional<InetSocketAddress> probeEdge,
    InetSocketAddress bindAddress,
    Protocol protocol,
    Duration interval,
    Duration jitter,
    Duration earlySecondPulse,
    Duration replyTimeout,
    int unansweredBeforeVerify) {

  /** The pulse wire format. */
  public enum Protocol {
    V1,
    V2
  }

  public SessionConfig {
    if (edge.isUnresolved()) {
      throw new IllegalArgumentException("edge address " + edge + " could not be resolved");
    }
    if (interval.toMillis() < 100) {
      throw new IllegalArgumentException("pulse interval must be at least 100 ms");
    }
    if (jitter.isNegative() || jitter.compareTo(interval.dividedBy(2)) > 0) {
      throw new IllegalArgumentException("jitter must be between 0 and half the interval");
    }
    if (replyTimeout.toMillis() < 10 || earlySecondPulse.isNegative()) {
      throw new IllegalArgumentException("reply timeout must be at least 10 ms");
    }
    if (unansweredBeforeVerify < 1) {
      throw new IllegalArgumentException("unansweredBeforeVerify must be at least 1");
    }
  }

  /** 25 s +- 2.5 s, v2, second pulse after 2 s, 3 s reply timeout, /verify after 3 misses. */
  public static SessionConfig defaults(InetSocketAddress edge) {
    return new SessionConfig(
        edge,
        Optional.empty(),
        new InetSocketAddress(0),
        Protocol.V2,
        Duration.ofSeconds(25),
        Duration.ofMillis(2500),
        Duration.ofSeconds(2),
        Duration.ofSeconds(3),
        3);
  }

  public SessionConfig withProbeEdge(InetSocketAddress probe) {
    return new SessionConfig(
        edge,
        Optional.ofNullable(probe),
        bindAddress,
        protocol,
        interval,
        jitter,
        earlySecondPulse,
        replyTimeout,
        unansweredBeforeVerify);
  }

  public SessionConfig withBindAddress(InetSocketAddress bind) {
    return new SessionConfig(
        edge,
        probeEdge,
        bind,
        protocol,
        interval,
        jitter,
        earlySecondPulse,
        replyTimeout,
        unansweredBeforeVerify);
  }

  public SessionConfig withProtocol(Protocol p) {
    return new SessionConfig(
        edge,
        probeEdge,
        bindAddress,
        p,
        interval,
        jitter,
        earlySecondPulse,
        replyTimeout,
        unansweredBeforeVerify);
  }

  /** Sets the interval and scales the jitter to 10% of it. */
  public SessionConfig withInterval(Duration mean) {
    return new SessionConfig(
        edge,
        probeEdge,
        bindAddress,
        protocol,
        mean,
        mean.dividedBy(10),
        earlySecondPulse.compareTo(mean) > 0 ? mean : earlySecondPulse,
        replyTimeout.compareTo(mean) > 0 ? mean : replyTimeout,
        unansweredBeforeVerify);
  }

  public SessionConfig withReplyTimeout(Duration timeout) {
    return new SessionConfig(
        edge,
        probeEdge,
        bindAddress,
        protocol,
        interval,
        jitter,
        earlySecondPulse,
        timeout,
        unansweredBeforeVerify);
  }

  public SessionConfig withUnansweredBeforeVerify(int count) {
    return new SessionConfig(
        edge,
        probeEdge,
        bindAddress,
        protocol,
        interval,
        jitter,
        earlySecondPulse,
        replyTimeout,
        count);
  }
}
