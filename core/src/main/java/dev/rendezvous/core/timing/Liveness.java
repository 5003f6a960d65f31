package dev.rendezvous.core.timing;

/** What a client's stored times say about it at a given instant. */
public enum Liveness {
  /** Last sign of life at most interval + grace ago. */
  ONLINE,
  /** Silent for longer than interval + grace but not yet expired: must call /verify. */
  PENDING,
  /** Silent for longer than interval + error time: gone, as if logged out. */
  EXPIRED
}
