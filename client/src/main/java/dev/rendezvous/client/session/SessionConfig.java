package dev.rendezvous.client.session;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link RendezvousSession} pulses. Immutable and validated on construction; build it from
 * {@link #defaults(InetSocketAddress)} and the {@code with...} methods.
 */
public final class SessionConfig {

  /** The pulse wire format. */
  public enum Protocol {
    /** The seed format: the private key on the wire. */
    V1,
    /** Authenticated: a MAC and a counter; replies carry this client's public mapping. */
    V2
  }

  private final InetSocketAddress edge;
  private final Optional<InetSocketAddress> probeEdge;
  private final Optional<InetSocketAddress> secondEdge;
  private final InetSocketAddress bindAddress;
  private final Protocol protocol;
  private final Duration interval;
  private final Duration jitter;
  private final Duration earlySecondPulse;
  private final Duration replyTimeout;
  private final int unansweredBeforeVerify;

  private SessionConfig(
      InetSocketAddress edge,
      Optional<InetSocketAddress> probeEdge,
      Optional<InetSocketAddress> secondEdge,
      InetSocketAddress bindAddress,
      Protocol protocol,
      Duration interval,
      Duration jitter,
      Duration earlySecondPulse,
      Duration replyTimeout,
      int unansweredBeforeVerify) {
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
    this.edge = edge;
    this.probeEdge = Objects.requireNonNull(probeEdge);
    this.secondEdge = Objects.requireNonNull(secondEdge);
    this.bindAddress = Objects.requireNonNull(bindAddress);
    this.protocol = Objects.requireNonNull(protocol);
    this.interval = interval;
    this.jitter = jitter;
    this.earlySecondPulse = earlySecondPulse;
    this.replyTimeout = replyTimeout;
    this.unansweredBeforeVerify = unansweredBeforeVerify;
  }

  /** 25 s +- 2.5 s, v2, second pulse after 2 s, 3 s reply timeout, /verify after 3 misses. */
  public static SessionConfig defaults(InetSocketAddress edge) {
    return new SessionConfig(
        edge,
        Optional.empty(),
        Optional.empty(),
        new InetSocketAddress(0),
        Protocol.V2,
        Duration.ofSeconds(25),
        Duration.ofMillis(2500),
        Duration.ofSeconds(2),
        Duration.ofSeconds(3),
        3);
  }

  /** The edge's UDP address: pulses go here; datagrams from it are protocol replies. */
  public InetSocketAddress edge() {
    return edge;
  }

  /**
   * A second edge address (another port of the edge) used only to detect an address-dependent NAT
   * mapping; empty disables the check.
   */
  public Optional<InetSocketAddress> probeEdge() {
    return probeEdge;
  }

  /** The local address and port of the socket (port 0: any). */
  public InetSocketAddress bindAddress() {
    return bindAddress;
  }

  /** V2 (authenticated, the default) or V1 (the key on the wire). */
  public Protocol protocol() {
    return protocol;
  }

  /** Mean time between pulses (25 s: many NATs drop UDP mappings after 30 s). */
  public Duration interval() {
    return interval;
  }

  /** Each interval is drawn uniformly from interval +- jitter. */
  public Duration jitter() {
    return jitter;
  }

  /** The second pulse follows the first after this (confirms the mapping quickly). */
  public Duration earlySecondPulse() {
    return earlySecondPulse;
  }

  /** How long a pulse waits for its reply before it counts as unanswered. */
  public Duration replyTimeout() {
    return replyTimeout;
  }

  /** After this many unanswered pulses in a row, the session asks {@code /verify} over HTTP. */
  public int unansweredBeforeVerify() {
    return unansweredBeforeVerify;
  }

  /**
   * The same service's edge over the other address family (its AAAA address when {@link #edge} is
   * the A address, or the other way round), or empty. A session pulses both where its socket can
   * reach both, so the service records this client in both families and peers can punch it over
   * either; the main edge alone drives the session's state and its mapping.
   */
  public Optional<InetSocketAddress> secondEdge() {
    return secondEdge;
  }

  /**
   * Also pulses {@code other}, the edge over the other address family (see {@link #secondEdge}).
   */
  public SessionConfig withSecondEdge(InetSocketAddress other) {
    if (other != null && other.isUnresolved()) {
      throw new IllegalArgumentException("edge address " + other + " could not be resolved");
    }
    return new SessionConfig(
        edge,
        probeEdge,
        Optional.ofNullable(other),
        bindAddress,
        protocol,
        interval,
        jitter,
        earlySecondPulse,
        replyTimeout,
        unansweredBeforeVerify);
  }

  public SessionConfig withProbeEdge(InetSocketAddress probe) {
    return new SessionConfig(
        edge,
        Optional.ofNullable(probe),
        secondEdge,
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
        secondEdge,
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
        secondEdge,
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
        secondEdge,
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
        secondEdge,
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
        secondEdge,
        bindAddress,
        protocol,
        interval,
        jitter,
        earlySecondPulse,
        replyTimeout,
        count);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionConfig c
        && edge.equals(c.edge)
        && probeEdge.equals(c.probeEdge)
        && secondEdge.equals(c.secondEdge)
        && bindAddress.equals(c.bindAddress)
        && protocol == c.protocol
        && interval.equals(c.interval)
        && jitter.equals(c.jitter)
        && earlySecondPulse.equals(c.earlySecondPulse)
        && replyTimeout.equals(c.replyTimeout)
        && unansweredBeforeVerify == c.unansweredBeforeVerify;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        edge,
        probeEdge,
        secondEdge,
        bindAddress,
        protocol,
        interval,
        jitter,
        earlySecondPulse,
        replyTimeout,
        unansweredBeforeVerify);
  }

  @Override
  public String toString() {
    return "SessionConfig[edge="
        + edge
        + probeEdge.map(p -> ", probe=" + p).orElse("")
        + secondEdge.map(p -> ", second=" + p).orElse("")
        + ", "
        + protocol
        + ", every "
        + interval.toMillis()
        + " +- "
        + jitter.toMillis()
        + " ms]";
  }
}
