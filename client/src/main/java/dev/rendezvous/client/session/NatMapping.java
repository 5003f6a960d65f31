package dev.rendezvous.client.session;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What two pulses to two edge ports said about this client's NAT.
 *
 * @param primary the mapping the main edge port saw
 * @param probe the mapping the probe port saw
 */
public record NatMapping(
    Kind kind, Optional<InetSocketAddress> primary, Optional<InetSocketAddress> probe) {

  /** The NAT's mapping behaviour (RFC 4787 section 4.1). */
  public enum Kind {
    /** Both edge ports saw the same public address and port: hole punching can work. */
    ENDPOINT_INDEPENDENT,
    /** Each destination got its own public port (a "symmetric" NAT): punching will fail. */
    ADDRESS_DEPENDENT,
    /** No probe edge configured, v1 pulses (no mapping in replies), or no replies. */
    UNKNOWN
  }

  static NatMapping of(Optional<InetSocketAddress> primary, Optional<InetSocketAddress> probe) {
    if (primary.isEmpty() || probe.isEmpty()) {
      return new NatMapping(Kind.UNKNOWN, primary, probe);
    }
    Kind kind =
        primary.get().equals(probe.get()) ? Kind.ENDPOINT_INDEPENDENT : Kind.ADDRESS_DEPENDENT;
    return new NatMapping(kind, primary, probe);
  }
}
