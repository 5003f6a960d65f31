package dev.rendezvous.client.testserver;

import dev.rendezvous.core.directory.TakeoverResult;

/** What the test edge's directory decided about one pulse; the edge maps it to a reply code. */
public enum PulseOutcome {
  /** Recorded: the client was ONLINE. */
  ACCEPTED,
  /** Not recorded: the client is PENDING and must verify first. */
  PENDING,
  /** Not recorded: no such client (never registered, logged out, expired, or a wrong key). */
  UNKNOWN,
  /** Not recorded: a v2 counter not above the last accepted one (a replay). */
  REPLAYED;

  static PulseOutcome of(TakeoverResult result) {
    if (result instanceof TakeoverResult.Taken) {
      return ACCEPTED;
    }
    if (result instanceof TakeoverResult.Pending) {
      return PENDING;
    }
    return result instanceof TakeoverResult.Replayed ? REPLAYED : UNKNOWN;
  }
}
