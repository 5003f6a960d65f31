package dev.rendezvous.core.service;

import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Instant;

/**
 * A peer's public UDP address as seen on its last accepted pulse, and when it was seen.
 *
 * @param at the instant the request was judged at
 */
public record PeerUdpAddress(
    ClientId clientId, ObservedAddress address, Instant lastPulseAt, Instant at) {}
