package dev.rendezvous.core.directory;

import dev.rendezvous.core.registry.ObservedAddress;
import java.time.Instant;

/**
 * What a live owner knows exactly about one family of a client it owns: the answer of its internal
 * API, which replaces the directory's values for that family when a reader has it.
 */
public record OwnedState(
    AddressFamily family, long epoch, ObservedAddress address, Instant lastPulseAt, long counter) {}
