package dev.rendezvous.client.session;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/** What two pulses to two edge ports said about this client's NAT. */
public final class NatMapping {

  /** The NAT's mapping behaviour (RFC 4787 section 4.1). */
  public enum Kind {
    /** Both edge ports saw the same public address and port: hole punching can work. */
    ENDPOINT_INDEPENDENT,
    /** Each destination got its own public port (a "symmetric" NAT): punching will fail. */
    ADDRESS_DEPENDENT,
    /** No probe edge configured, v1 pulses (no mapping in replies), or no replies. */
    UNKNOWN
  }

  private final Kind kind;
  private final Optional<InetSocketAddress> primary;
  private final Optional<InetSocketAddress> probe;

  private NatMapping(
      Kind kind, Optional<InetSocketAddress> primary, Optional<InetSocketAddress> probe) {
    this.kind = kind;
    this.primary = Objects.requireNonNull(primary);
    this.probe = Objects.requireNonNull(probe);
  }

  /** Compares the mappings the main edge port and the probe port saw. */
  static NatMapping of(Optional<InetSocketAddress> primary, Optional<InetSocketAddress> probe) {
    if (!primary.isPresent() || !probe.isPresent()) {
      return new NatMapping(Kind.UNKNOWN, primary, probe);
    }
    Kind kind =
        primary.get().equals(probe.get()) ? Kind.ENDPOINT_INDEPENDENT : Kind.ADDRESS_DEPENDENT;
    return new NatMapping(kind, primary, probe);
  }

  public Kind kind() {
    return kind;
  }

  /** The mapping the main edge port saw. */
  public Optional<InetSocketAddress> primary() {
    return primary;
  }

  /** The mapping the probe port saw. */
  public Optional<InetSocketAddress> probe() {
    return probe;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NatMapping m
        && kind == m.kind
        && primary.equals(m.primary)
        && probe.equals(m.probe);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, primary, probe);
  }

  @Override
  public String toString() {
    return "NatMapping[" + kind + ", primary=" + primary + ", probe=" + probe + "]";
  }
}
