package dev.rendezvous.core.directory;

import dev.rendezvous.protocol.identity.ClientId;
import java.time.Instant;

/**
 * An owner's write about one family of a client it owns: conditional on {@code owner} (task and
 * epoch) still being the directory's owner of that family.
 */
public record OwnerWrite(
    ClientId clientId,
    AddressFamily family,
    Owner owner,
    Instant lastPulseAt,
    Instant onlineUntil,
    long counter) {}
