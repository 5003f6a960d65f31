package dev.rendezvous.protocol.identity;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * The secret a client authenticates with: 32 bytes from a secure random source, sent to the client
 * once as 64 lowercase hex characters and never stored by the server.
 *
 * <p>Everything the server keeps is derived from it with one-way functions: the {@link ClientId}
 * (first 16 bytes of a labelled SHA-256), the {@link KeyVerifier} (another labelled SHA-256) and
 * the {@link PulseMacKey} (HMAC-SHA256 keyed by the private key). The key has 256 bits of entropy,
 * so a fast hash is enough: a slow password KDF would only add latency to every request.
 */
public final class PrivateKey {
  public static final int LENGTH_BYTES = 32;
  public static final int LENGTH_HEX = 2 * LENGTH_BYTES;

  static final String CLIENT_ID_LABEL = "rendezvous/client-id/v1";

  private final byte[] bytes;

  private PrivateKey(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  public static PrivateKey fromBytes(byte[] bytes) {
    if (bytes.length != LENGTH_BYTES) {
      throw new MalformedCredentialException(
          "private key must be " + LENGTH_BYTES + " bytes, got " + bytes.length);
    }
    return new PrivateKey(bytes);
  }

  /** Parses 64 hex characters, or empty for anything else. */
  public static Optional<PrivateKey> tryParse(CharSequence text) {
    return Hex.decode(text, LENGTH_BYTES).map(PrivateKey::new);
  }

  public static PrivateKey parse(CharSequence text) {
    return tryParse(text)
        .orElseThrow(
            () ->
                new MalformedCredentialException(
                    "private key must be " + LENGTH_HEX + " hex characters"));
  }

  public ClientId clientId() {
    return ClientId.fromBytes(
        Arrays.copyOf(Digests.sha256(CLIENT_ID_LABEL, bytes), ClientId.LENGTH_BYTES));
  }

  public KeyVerifier verifier() {
    return KeyVerifier.of(this);
  }

  public PulseMacKey pulseMacKey() {
    return PulseMacKey.of(this);
  }

  byte[] bytes() {
    return bytes;
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The hex text given to the client at registration; never log it. */
  public String revealHex() {
    return Hex.encode(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrivateKey other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return clientId().hashCode();
  }

  /** Redacted: a private key must never reach a log line. */
  @Override
  public String toString() {
    return "PrivateKey[redacted, client_id=" + clientId() + "]";
  }
}
