package dev.rendezvous.protocol.v2;

/**
 * A CHALLENGE (type 0x83), edge to client: "before this address counts, answer with this nonce".
 * The client answers at once with a new PULSE carrying the nonce and the family flag.
 */
public final class PulseV2Challenge {
  private final long counter;
  private final ChallengeNonce nonce;
  private final boolean observedIpv6;

  /**
   * @param counter the counter of the pulse it answers, so the client matches it to its pulse
   * @param nonce what the client's next pulse must carry
   * @param observedIpv6 whether the edge saw the pulse arrive over IPv6 (the family flag to bind)
   */
  public PulseV2Challenge(long counter, ChallengeNonce nonce, boolean observedIpv6) {
    if (nonce == null || !nonce.isPresent()) {
      throw new IllegalArgumentException("a challenge carries a nonce");
    }
    this.counter = counter;
    this.nonce = nonce;
    this.observedIpv6 = observedIpv6;
  }

  /** The counter of the pulse it answers. */
  public long counter() {
    return counter;
  }

  /** What the client's next pulse must carry. */
  public ChallengeNonce nonce() {
    return nonce;
  }

  /** Whether the edge saw the pulse arrive over IPv6. */
  public boolean observedIpv6() {
    return observedIpv6;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PulseV2Challenge other
        && counter == other.counter
        && nonce.equals(other.nonce)
        && observedIpv6 == other.observedIpv6;
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(counter) * 31 + nonce.hashCode()) * 31 + (observedIpv6 ? 1 : 0);
  }

  @Override
  public String toString() {
    return "PulseV2Challenge[counter=" + counter + ", ipv6=" + observedIpv6 + "]";
  }
}
