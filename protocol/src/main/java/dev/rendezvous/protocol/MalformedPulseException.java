package dev.rendezvous.protocol;

/**
 * A datagram that is not a well-formed request. It says where decoding failed; the edge drops the
 * datagram without a reply. Carries no stack trace: garbage is common and must be cheap.
 */
public final class MalformedPulseException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int offset;
  private final String reason;

  public MalformedPulseException(String reason, int offset) {
    super(reason + " at byte " + offset);
    this.reason = reason;
    this.offset = offset;
  }

  /** A short, fixed reason, suitable as a metric tag. */
  public String reason() {
    return reason;
  }

  /** The byte offset at which decoding failed. */
  public int offset() {
    return offset;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
