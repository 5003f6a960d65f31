package dev.rendezvous.core.registry;

import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.KeyVerifier;
import dev.rendezvous.protocol.identity.PulseMacKey;
import java.time.Instant;
import java.util.Optional;

/**
 * One client as stored: its verifiers, its times, and the address of its last accepted pulse.
 *
 * @param lastSeenAt the latest of registration, verify and accepted pulse: liveness is computed
 *     from it
 * @param lastPulseAt the time of the last accepted pulse, empty if it never pulsed
 * @param lastAddress where the last accepted pulse came from, empty if it never pulsed
 * @param pulseCounter the highest v2 pulse counter accepted so far (0 before the first)
 */
public record ClientSnapshot(
    ClientId clientId,
    KeyVerifier keyVerifier,
    PulseMacKey pulseMacKey,
    Instant registeredAt,
    Instant lastSeenAt,
    Optional<Instant> lastPulseAt,
    Optional<ObservedAddress> lastAddress,
    long pulseCounter) {

  public Liveness liveness(LivenessRules rules, Instant now) {
    return rules.liveness(lastSeenAt, now);
  }
}
