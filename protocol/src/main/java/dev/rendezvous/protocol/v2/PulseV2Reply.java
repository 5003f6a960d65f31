package dev.rendezvous.protocol.v2;

import dev.rendezvous.protocol.ResponseCode;
import java.net.InetAddress;

/** An authenticated reply to a v2 pulse, as the edge sends it and the client reads it. */
public final class PulseV2Reply {
  private final ResponseCode code;
  private final long counter;
  private final InetAddress observedAddress;
  private final int observedPort;

  /**
   * @param code the response code
   * @param counter the counter of the pulse it answers
   * @param observedAddress the source address the edge saw (the client's public mapping)
   * @param observedPort the source port the edge saw
   */
  public PulseV2Reply(
      ResponseCode code, long counter, InetAddress observedAddress, int observedPort) {
    this.code = code;
    this.counter = counter;
    this.observedAddress = observedAddress;
    this.observedPort = observedPort;
  }

  /** The response code. */
  public ResponseCode code() {
    return code;
  }

  /** The counter of the pulse it answers. */
  public long counter() {
    return counter;
  }

  /** The source address the edge saw (the client's public mapping). */
  public InetAddress observedAddress() {
    return observedAddress;
  }

  /** The source port the edge saw. */
  public int observedPort() {
    return observedPort;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PulseV2Reply other
        && code == other.code
        && counter == other.counter
        && observedAddress.equals(other.observedAddress)
        && observedPort == other.observedPort;
  }

  @Override
  public int hashCode() {
    int h = code.hashCode();
    h = 31 * h + Long.hashCode(counter);
    h = 31 * h + observedAddress.hashCode();
    return 31 * h + observedPort;
  }

  @Override
  public String toString() {
    return "PulseV2Reply[code="
        + code
        + ", counter="
        + counter
        + ", observedAddress="
        + observedAddress
        + ", observedPort="
        + observedPort
        + "]";
  }
}
