package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.registry.ClientSnapshot;
import dev.rendezvous.core.registry.PulseOutcome;
import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.protocol.identity.KeyVerifier;
import java.time.Instant;
import java.util.Optional;

/**
 * Explains a failed conditional write from the item as it was: why a pulse was not recorded. An
 * empty result means the item was ONLINE after all (a verify raced the write) and the write should
 * be tried again.
 */
final class OutcomeRules {
  private final LivenessRules rules;

  OutcomeRules(LivenessRules rules) {
    this.rules = rules;
  }

  /**
   * Why a v1 pulse attempted at {@code now} was refused. A pulse refused only because a pulse at
   * least as recent is recorded (its write landed late) is ACCEPTED: the client is ONLINE, and the
   * newer record stands.
   */
  Optional<PulseOutcome> explainV1(
      Optional<ClientSnapshot> item, KeyVerifier verifier, Instant now) {
    if (item.isEmpty() || !item.get().keyVerifier().sameAs(verifier)) {
      return Optional.of(PulseOutcome.UNKNOWN);
    }
    Optional<PulseOutcome> outcome = byLiveness(item.get(), now);
    boolean superseded = item.get().lastPulseAt().filter(at -> !at.isBefore(now)).isPresent();
    return outcome.isEmpty() && superseded ? Optional.of(PulseOutcome.ACCEPTED) : outcome;
  }

  Optional<PulseOutcome> explainV2(Optional<ClientSnapshot> item, long counter, Instant now) {
    if (item.isEmpty()) {
      return Optional.of(PulseOutcome.UNKNOWN);
    }
    if (counter <= item.get().pulseCounter()) {
      return Optional.of(PulseOutcome.REPLAYED);
    }
    return byLiveness(item.get(), now);
  }

  Liveness liveness(ClientSnapshot item, Instant now) {
    return item.liveness(rules, now);
  }

  private Optional<PulseOutcome> byLiveness(ClientSnapshot item, Instant now) {
    return switch (item.liveness(rules, now)) {
      case EXPIRED -> Optional.of(PulseOutcome.UNKNOWN);
      case PENDING -> Optional.of(PulseOutcome.PENDING);
      case ONLINE -> Optional.empty();
    };
  }
}
