package dev.rendezvous.core.service;

import dev.rendezvous.core.PeerNotFoundException;
import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A peer's liveness, computed when read.
 *
 * @param liveness ONLINE or PENDING (an expired peer is {@link PeerNotFoundException})
 * @param sinceLastPulse time since its last accepted pulse; empty if it never pulsed
 * @param at the instant the request was judged at (liveness and {@code sinceLastPulse} are as of
 *     then)
 */
public record PeerStatus(
    ClientId clientId, Liveness liveness, Optional<Duration> sinceLastPulse, Instant at) {}
