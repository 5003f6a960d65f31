package dev.rendezvous.core.registry;

/** The result of /verify for a known, unexpired client. */
public enum VerifyOutcome {
  /** The client was PENDING and is ONLINE again ({@code "ok": true}). */
  REVIVED,
  /** The client was already ONLINE; nothing changed ({@code "ok": false}). */
  ALREADY_ONLINE
}
