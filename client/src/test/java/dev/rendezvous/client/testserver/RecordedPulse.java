package dev.rendezvous.client.testserver;

import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.protocol.identity.ClientId;

/** One pulse the test edge handled: who, from where, on which edge port, and what storage said. */
public record RecordedPulse(
    ClientId clientId, ObservedAddress source, int edgePort, int version, PulseOutcome outcome) {}
