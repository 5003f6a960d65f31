package dev.rendezvous.client.punch;

/** Why a hole punch failed. */
public enum PunchFailure {
  /** The service does not know the peer: never registered, logged out or expired (404). */
  PEER_UNKNOWN,
  /** The peer exists but is not ONLINE (PENDING), or has never pulsed, so it has no address. */
  PEER_OFFLINE,
  /** Punches went out until the timeout, but nothing came back from the peer. */
  NO_REPLY,
  /**
   * Nothing came back, and this client's NAT gives each destination its own public port (a
   * "symmetric" NAT, seen by pulsing two edge ports), or the peer's punches arrived from a port
   * other than the one the service recorded for it. Plain hole punching cannot cross such a NAT; a
   * relay is needed.
   */
  MAPPING_ADDRESS_DEPENDENT,
  /** The HTTP lookup failed (service unreachable, or this client's own key was refused). */
  LOOKUP_FAILED,
  /** The session was closed, or this client is gone, before the punch finished. */
  SESSION_CLOSED
}
