package dev.rendezvous.core.directory;

import dev.rendezvous.core.registry.ObservedAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * What the directory holds for one family of one client.
 *
 * @param owner the task that owns this family now, with its epoch; empty for a family recorded
 *     without an owner (an item written by the older per-pulse layout)
 * @param address the source address and port of the family's last pulse written to the directory
 * @param lastPulseAt that pulse's time as of the write that set it: exact after a PENDING
 *     transition, up to one checkpoint period old otherwise (the owner has the exact value)
 * @param onlineUntil until when the owner vouches that the client is ONLINE: now + lease at a
 *     takeover or checkpoint, the exact deadline (last pulse + window) after the PENDING transition
 * @param counter the highest v2 counter written for this family (0 for v1-only)
 */
public record FamilyEntry(
    AddressFamily family,
    Optional<Owner> owner,
    ObservedAddress address,
    Instant lastPulseAt,
    Instant onlineUntil,
    long counter) {

  /** The family's epoch: that of its owner, 0 before any takeover. */
  public long epoch() {
    return owner.map(Owner::epoch).orElse(0L);
  }

  /** True when {@code candidate} (task and epoch) is this family's owner. */
  public boolean isOwnedBy(Owner candidate) {
    return owner.isPresent() && owner.get().equals(candidate);
  }
}
