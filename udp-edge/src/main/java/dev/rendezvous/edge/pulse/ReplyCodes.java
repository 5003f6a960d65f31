package dev.rendezvous.edge.pulse;

import dev.rendezvous.core.registry.PulseOutcome;
import dev.rendezvous.protocol.ResponseCode;
import java.util.Optional;

/** The edge's mapping from what storage decided about a pulse to the code on the wire. */
final class ReplyCodes {
  private ReplyCodes() {}

  /**
   * The reply to a stored outcome, or empty when there must be no reply (a replayed v2 datagram is
   * dropped silently: answering it would let anyone on the path probe with old packets).
   */
  static Optional<ResponseCode> forOutcome(PulseOutcome outcome) {
    return switch (outcome) {
      case ACCEPTED -> Optional.of(ResponseCode.ACCEPTED);
      case PENDING -> Optional.of(ResponseCode.PENDING);
      case UNKNOWN -> Optional.of(ResponseCode.UNKNOWN);
      case REPLAYED -> Optional.empty();
    };
  }
}
