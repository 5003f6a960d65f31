package dev.rendezvous.edge.live;

/** Flag bits of a {@link LiveTable} slot (8 at most). */
public final class SlotFlags {
  /** A directory write for the slot is in flight: no second one starts. */
  public static final int WRITING = 1;

  /** A deferred takeover of the slot waits in the shard's takeover queue. */
  public static final int QUEUED = 1 << 1;

  /** The previous owner was dead or draining when the directory was read: a takeover may wait. */
  public static final int PREVIOUS_OWNER_DOWN = 1 << 2;

  /** The slot's address was proven by a challenge but is not yet written to the directory. */
  public static final int MOVE_DUE = 1 << 3;

  private SlotFlags() {}
}
