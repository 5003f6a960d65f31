package dev.rendezvous.core.directory;

/** What became of an owner's conditional write. */
public enum OwnerWriteResult {
  /** Written. */
  WRITTEN,
  /** Another task (or a newer epoch) owns the family now: drop the client from memory. */
  LOST,
  /** The client is gone (logged out, or expired and swept): drop it; its next pulse gets 1060. */
  GONE,
  /**
   * An address move whose v2 counter is not above the highest the directory holds for the client (a
   * replay, or a pulse overtaken by the other family's newer one): nothing was written; the task
   * still owns the family.
   */
  REPLAYED
}
