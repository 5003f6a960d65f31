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

  private SessionConfig(Builder b) {
    if (b.edge.isUnresolved()) {
      throw new IllegalArgumentException("edge address " + b.edge + " could not be resolved");
    }
    if (b.interval.toMillis() < 100) {
      throw new IllegalArgumentException("pulse interval must be at least 100 ms");
    }
    if (b.jitter.isNegative() || b.jitter.compareTo(b.interval.dividedBy(2)) > 0) {
      throw new IllegalArgumentException("jitter must be between 0 and half the interval");
    }
    if (b.replyTimeout.toMillis() < 10 || b.earlySecondPulse.isNegative()) {
      throw new IllegalArgumentException("reply timeout must be at least 10 ms");
    }
    if (b.unansweredBeforeVerify < 1) {
      throw new IllegalArgumentException("unansweredBeforeVerify must be at least 1");
    }
    this.edge = b.edge;
    this.probeEdge = Objects.requireNonNull(b.probeEdge);
    this.secondEdge = Objects.requireNonNull(b.secondEdge);
    this.bindAddress = Objects.requireNonNull(b.bindAddress);
    this.protocol = Objects.requireNonNull(b.protocol);
    this.interval = b.interval;
    this.jitter = b.jitter;
    this.earlySecondPulse = b.earlySecondPulse;
    this.replyTimeout = b.replyTimeout;
    this.unansweredBeforeVerify = b.unansweredBeforeVerify;
  }

  /** 25 s +- 2.5 s, v2, second pulse after 2 s, 3 s reply timeout, /verify after 3 misses. */
  public static SessionConfig defaults(InetSocketAddress edge) {
    return new Builder(edge).build();
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
    Builder b = new Builder(this);
    b.secondEdge = Optional.ofNullable(other);
    return b.build();
  }

  public SessionConfig withProbeEdge(InetSocketAddress probe) {
    Builder b = new Builder(this);
    b.probeEdge = Optional.ofNullable(probe);
    return b.build();
  }

  public SessionConfig withBindAddress(InetSocketAddress bind) {
    Builder b = new Builder(this);
    b.bindAddress = bind;
    return b.build();
  }

  public SessionConfig withProtocol(Protocol p) {
    Builder b = new Builder(this);
    b.protocol = p;
    return b.build();
  }

  /** Sets the interval and scales the jitter to 10% of it. */
  public SessionConfig withInterval(Duration mean) {
    Builder b = new Builder(this);
    b.interval = mean;
    b.jitter = mean.dividedBy(10);
    b.earlySecondPulse = earlySecondPulse.compareTo(mean) > 0 ? mean : earlySecondPulse;
    b.replyTimeout = replyTimeout.compareTo(mean) > 0 ? mean : replyTimeout;
    return b.build();
  }

  public SessionConfig withReplyTimeout(Duration timeout) {
    Builder b = new Builder(this);
    b.replyTimeout = timeout;
    return b.build();
  }

  public SessionConfig withUnansweredBeforeVerify(int count) {
    Builder b = new Builder(this);
    b.unansweredBeforeVerify = count;
    return b.build();
  }

  /** The fields of a config: the defaults, or a copy of one to change; {@link #build} validates. */
  private static final class Builder {
    InetSocketAddress edge;
    Optional<InetSocketAddress> probeEdge = Optional.empty();
    Optional<InetSocketAddress> secondEdge = Optional.empty();
    InetSocketAddress bindAddress = new InetSocketAddress(0);
    Protocol protocol = Protocol.V2;
    Duration interval = Duration.ofSeconds(25);
    Duration jitter = Duration.ofMillis(2500);
    Duration earlySecondPulse = Duration.ofSeconds(2);
    Duration replyTimeout = Duration.ofSeconds(3);
    int unansweredBeforeVerify = 3;

    Builder(InetSocketAddress edge) {
      this.edge = edge;
    }

    Builder(SessionConfig from) {
      edge = from.edge;
      probeEdge = from.probeEdge;
      secondEdge = from.secondEdge;
      bindAddress = from.bindAddress;
      protocol = from.protocol;
      interval = from.interval;
      jitter = from.jitter;
      earlySecondPulse = from.earlySecondPulse;
      replyTimeout = from.replyTimeout;
      unansweredBeforeVerify = from.unansweredBeforeVerify;
    }

    SessionConfig build() {
      return new SessionConfig(this);
    }
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
