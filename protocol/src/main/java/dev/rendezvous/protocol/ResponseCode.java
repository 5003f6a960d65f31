package dev.rendezvous.protocol;

import java.util.Optional;

/** The response codes of the pulse protocol (docs/protocol.md). */
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
}
