package dev.rendezvous.edge.observe;

import java.util.Locale;

/** Why a datagram got no reply. The tag value of the {@code EdgeDrops} meter. */
public enum DropReason {
  /**
   * Not a well-formed v1 or v2 request (or a sender with port 0); {@code
   * rendezvous.edge.malformed{why}} says what the decoder found.
   */
  MALFORMED,
  /** A v1 request while v1 is turned off. */
  V1_DISABLED,
  /** The source address sent faster than its token bucket allows. */
  RATE_LIMITED_SOURCE,
  /** The client_id pulsed faster than its token bucket allows. */
  RATE_LIMITED_CLIENT,
  /** The in-flight bound was reached: the pulse was shed before touching storage. */
  OVERLOADED,
  /** A v2 counter too far from the edge's clock. */
  STALE,
  /** A v2 pulse for a client_id with no stored item: it cannot be authenticated. */
  UNKNOWN_CLIENT,
  /** A v2 pulse whose MAC does not match the client's key. */
  UNAUTHENTICATED,
  /** A v2 counter not above the last accepted one. */
  REPLAYED,
  /** A storage call took longer than the storage timeout. */
  STORAGE_TIMEOUT,
  /** Storage refused for capacity. */
  STORAGE_THROTTLED,
  /** Storage could not answer. */
  STORAGE_UNAVAILABLE,
  /** Storage failed in an unexpected way. */
  STORAGE_ERROR,
  /**
   * The live table is full: a takeover was refused (raise RENDEZVOUS_EDGE_MAX_CLIENTS or scale).
   */
  CAPACITY,
  /** A directory write for the client is in flight: this pulse cannot be decided yet. */
  BUSY,
  /** The directory said another task owns the client now (it re-homes on its next pulse). */
  OWNERSHIP_LOST,
  /** A reply would have been larger than its request (never expected; a guard). */
  REPLY_TOO_LARGE,
  /** An unexpected error in the edge itself (logged; the socket keeps serving). */
  INTERNAL_ERROR;

  /** The lower-case tag value. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for the reasons that mean storage could not decide. */
  public boolean isStorageFailure() {
    return this == STORAGE_TIMEOUT
        || this == STORAGE_THROTTLED
        || this == STORAGE_UNAVAILABLE
        || this == STORAGE_ERROR;
  }
}
