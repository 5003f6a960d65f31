package dev.rendezvous.protocol.v2;

import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PulseMacKey;
import java.util.Arrays;

/**
 * A decoded but not yet authenticated v2 pulse: who it claims to be from, its counter, and the
 * bytes its MAC covers. Call {@link #isAuthenticBy(PulseMacKey)} with the stored key before
 * trusting anything in it.
 */
public final class PulseV2Request {
  private final ClientId clientId;
  private final long counter;
  private final boolean ipv6;
  private final ChallengeNonce nonce;
  private final byte[] datagram;

  PulseV2Request(
      ClientId clientId, long counter, boolean ipv6, ChallengeNonce nonce, byte[] datagram) {
    this.clientId = clientId;
    this.counter = counter;
    this.ipv6 = ipv6;
    this.nonce = nonce;
    this.datagram = datagram.clone();
  }

  public ClientId clientId() {
    return clientId;
  }

  /** The client's counter: its Unix time in milliseconds, strictly increasing. */
  public long counter() {
    return counter;
  }

  /** The family flag: true when the sender says its path is IPv6 (bound by the MAC). */
  public boolean claimsIpv6() {
    return ipv6;
  }

  /** The challenge nonce this pulse answers; {@link ChallengeNonce#isPresent()} false if none. */
  public ChallengeNonce nonce() {
    return nonce;
  }

  /** Constant-time MAC check against the client's stored pulse MAC key. */
  public boolean isAuthenticBy(PulseMacKey key) {
    return MessageAuthenticator.verify(key, datagram);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PulseV2Request other && Arrays.equals(datagram, other.datagram);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(datagram);
  }

  @Override
  public String toString() {
    return "PulseV2Request[clientId="
        + clientId
        + ", counter="
        + counter
        + ", ipv6="
        + ipv6
        + ", nonce="
        + nonce
        + "]";
  }
}
