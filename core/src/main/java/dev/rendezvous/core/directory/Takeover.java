package dev.rendezvous.core.directory;

import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Instant;

/**
 * A task's request to own one family of a client.
 *
 * @param lastPulseAt when the task received the client's latest pulse: the client must be ONLINE by
 *     the directory at that instant
 * @param onlineUntil the lease the new owner vouches for
 * @param counter the pulse's v2 counter, which must be above the family's stored counter; 0 for a
 *     v1 pulse (no counter condition)
 */
public record Takeover(
    ClientId clientId,
    AddressFamily family,
    TaskId task,
    ObservedAddress address,
    Instant lastPulseAt,
    Instant onlineUntil,
    long counter) {}
