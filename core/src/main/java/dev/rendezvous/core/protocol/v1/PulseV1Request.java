package dev.rendezvous.core.protocol.v1;

import dev.rendezvous.core.identity.PrivateKey;

/**
 * A decoded v1 pulse.
 *
 * @param key the private key the datagram carried
 * @param form which of the two accepted encodings it came in
 */
public record PulseV1Request(PrivateKey key, Form form) {
  /** The two encodings of the key that v1 accepts. */
  public enum Form {
    /** 32 raw bytes. */
    RAW,
    /** 64 hex characters (the first published client). */
    HEX
  }
}
