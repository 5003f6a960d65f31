package dev.rendezvous.core.directory;

import java.util.Optional;

/** What the directory decided about a takeover. */
public sealed interface TakeoverResult {

  /** Owned now, with this epoch; {@code previous} is the owner to revoke, if there was one. */
  record Taken(Owner owner, Optional<Owner> previous) implements TakeoverResult {}

  /** The client exists but is PENDING: answer 1050, own nothing. */
  record Pending() implements TakeoverResult {}

  /** No such client (never registered, logged out, or expired): answer 1060. */
  record Unknown() implements TakeoverResult {}

  /** A v2 counter not above the stored one: a replay; no reply. */
  record Replayed() implements TakeoverResult {}
}
