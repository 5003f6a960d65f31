package dev.rendezvous.core.call;

import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.protocol.call.CallId;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Instant;

/** What the callee gets from {@code GET /calls/{call_id}}: who calls, from where, the pair key. */
public record CallDetails(
    CallId call,
    ClientId caller,
    ObservedAddress callerAddress,
    PairKey pairKey,
    Instant at,
    Instant expiresAt) {}
