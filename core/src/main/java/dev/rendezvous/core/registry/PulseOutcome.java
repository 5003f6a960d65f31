package dev.rendezvous.core.registry;

/** What storage decided about one pulse; the edge maps it to a response code. */
public enum PulseOutcome {
  /** Recorded: the client was ONLINE; its time and address are updated. */
  ACCEPTED,
  /** Not recorded: the client exists but is PENDING and must call /verify first. */
  PENDING,
  /** Not recorded: no such client (never registered, logged out, expired, or a wrong key). */
  UNKNOWN,
  /** Not recorded: a v2 pulse whose counter is not above the last accepted one (a replay). */
  REPLAYED
}
