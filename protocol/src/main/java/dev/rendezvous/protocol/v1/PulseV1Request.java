package dev.rendezvous.protocol.v1;

import dev.rendezvous.protocol.identity.PrivateKey;

/** A decoded v1 pulse: the private key the datagram carried, and which encoding it came in. */
public final class PulseV1Request {
  /** The two encodings of the key that v1 accepts. */
  public enum Form {
    /** 32 raw bytes. */
    RAW,
    /** 64 hex characters (the first published client). */
    HEX
  }

  private final PrivateKey key;
  private final Form form;

  public PulseV1Request(PrivateKey key, Form form) {
    this.key = key;
    this.form = form;
  }

  /** The private key the datagram carried. */
  public PrivateKey key() {
    return key;
  }

  /** Which of the two accepted encodings it came in. */
  public Form form() {
    return form;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PulseV1Request other && key.equals(other.key) && form == other.form;
  }

  @Override
  public int hashCode() {
    return 31 * key.hashCode() + form.hashCode();
  }

  /** The key is redacted, as in {@link PrivateKey#toString()}. */
  @Override
  public String toString() {
    return "PulseV1Request[key=" + key + ", form=" + form + "]";
  }
}
