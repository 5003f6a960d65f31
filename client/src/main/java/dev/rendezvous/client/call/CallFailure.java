package dev.rendezvous.client.call;

/** Why a call did not open a link. */
public enum CallFailure {
  /** The service does not know the peer (404), or the call lapsed before it was fetched. */
  PEER_UNKNOWN,
  /**
   * The peer could not be rung: it is PENDING, no edge holds its mapping, or it did not acknowledge
   * the push (409); or this client has not pulsed yet.
   */
  PEER_UNREACHABLE,
  /** The peer's call policy refuses this client (403). */
  REFUSED,
  /** This client rang the peer too often (429); try again after the service's Retry-After. */
  RATE_LIMITED,
  /** Both sides punched until the timeout, and nothing authentic came back. */
  NO_REPLY,
  /**
   * Nothing came back, and the peer's authenticated punches arrived from a port other than the one
   * the service gave for it: its NAT maps each destination to its own port ("symmetric"), which
   * plain hole punching cannot cross. A relay is needed.
   */
  MAPPING_ADDRESS_DEPENDENT,
  /** An HTTP call failed (service unreachable, this client's key refused, an odd answer). */
  HTTP_FAILED,
  /** The session was closed before the call finished. */
  SESSION_CLOSED
}
