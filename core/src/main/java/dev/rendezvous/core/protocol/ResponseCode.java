package dev.rendezvous.core.protocol;

import dev.rendezvous.core.registry.PulseOutcome;
import java.util.Optional;

/** The response codes of the pulse protocol (SPEC "UDP edge"). */
public enum ResponseCode {
  /** Pulse accepted, on time; the address and port seen were recorded. */
  ACCEPTED(1020),
  /** The client exists but is PENDING: call /verify, then pulse again. */
  PENDING(1050),
  /** No such client: never registered, logged out, or expired. */
  UNKNOWN(1060);

  private final int code;

  ResponseCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<ResponseCode> fromCode(int code) {
    for (ResponseCode c : values()) {
      if (c.code == code) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * The reply to a stored outcome, or empty when there must be no reply (a replayed v2 datagram is
   * dropped silently: answering it would let anyone on the path probe with old packets).
   */
  public static Optional<ResponseCode> forOutcome(PulseOutcome outcome) {
    return switch (outcome) {
      case ACCEPTED -> Optional.of(ACCEPTED);
      case PENDING -> Optional.of(PENDING);
      case UNKNOWN -> Optional.of(UNKNOWN);
      case REPLAYED -> Optional.empty();
    };
  }
}
