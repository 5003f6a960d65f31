package dev.rendezvous.client.testserver;

import dev.rendezvous.core.identity.ClientId;
import dev.rendezvous.core.registry.PeerAddress;
import dev.rendezvous.core.registry.PulseOutcome;

/** One pulse the test edge handled: who, from where, on which edge port, and what storage said. */
public record RecordedPulse(
    ClientId clientId, PeerAddress source, int edgePort, int version, PulseOutcome outcome) {}
