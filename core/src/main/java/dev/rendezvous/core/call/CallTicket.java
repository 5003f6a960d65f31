package dev.rendezvous.core.call;

import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.protocol.call.CallId;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Instant;

/**
 * What the caller gets from {@code POST /peer/{id}/connect}: the call, the callee's current address
 * (acknowledged the push from there, or last pulsed from there), and the pair key.
 */
public record CallTicket(
    CallId call,
    ClientId callee,
    ObservedAddress calleeAddress,
    PairKey pairKey,
    Instant at,
    Instant expiresAt) {}
