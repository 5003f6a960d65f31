package dev.rendezvous.client.session;

import dev.rendezvous.protocol.ResponseCode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** The edge's answer to one pulse. */
public final class PulseReply {
  private final ResponseCode code;
  private final Optional<InetSocketAddress> mapping;
  private final Duration roundTrip;
  private final boolean viaProbe;

  /**
   * An answered pulse.
   *
   * @param code 1020 accepted, 1050 pending, 1060 unknown
   * @param mapping this client's public address as the edge saw it (v2 only; v1 replies carry none)
   * @param roundTrip time from sending the pulse to its reply
   * @param viaProbe whether the pulse went to another edge than the main one (the probe edge, or
   *     the edge over the other address family)
   */
  public PulseReply(
      ResponseCode code,
      Optional<InetSocketAddress> mapping,
      Duration roundTrip,
      boolean viaProbe) {
    this.code = Objects.requireNonNull(code);
    this.mapping = Objects.requireNonNull(mapping);
    this.roundTrip = Objects.requireNonNull(roundTrip);
    this.viaProbe = viaProbe;
  }

  /** 1020 accepted, 1050 pending, 1060 unknown. */
  public ResponseCode code() {
    return code;
  }

  /** This client's public address as the edge saw it (v2 only; v1 replies carry none). */
  public Optional<InetSocketAddress> mapping() {
    return mapping;
  }

  /** Time from sending the pulse to its reply. */
  public Duration roundTrip() {
    return roundTrip;
  }

  /** Whether the pulse went to the probe edge rather than the main one. */
  public boolean viaProbe() {
    return viaProbe;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PulseReply r
        && code == r.code
        && mapping.equals(r.mapping)
        && roundTrip.equals(r.roundTrip)
        && viaProbe == r.viaProbe;
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, mapping, roundTrip, viaProbe);
  }

  @Override
  public String toString() {
    return "PulseReply["
        + code
        + mapping.map(m -> ", mapping " + m).orElse("")
        + ", "
        + roundTrip.toMillis()
        + " ms"
        + (viaProbe ? ", probe" : "")
        + "]";
  }
}
