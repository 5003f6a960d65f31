package dev.rendezvous.core.directory;

import dev.rendezvous.core.registry.ObservedAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * What the directory holds for one family of one client.
 *
 * @param owner the task that owns this family now; empty when no task has taken it over since the
 *     last owner was revoked (or never)
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
    long counter) {}
