package dev.rendezvous.protocol.call;

import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.Hex;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * A call's public id, 40 bytes (80 lowercase hex characters): when it was issued, who calls, and a
 * tag by which the service recognises its own calls. The service keeps nothing per call: the tag
 * and the call's pair key are both derived from a service secret and these bytes (docs/protocol.md,
 * "Calls"). The callee is not in the id: it is bound into the tag, and proven by the callee's own
 * credentials when it fetches the call.
 *
 * <pre>
 *  0                8                               24                              40
 * +----------------+-------------------------------+-------------------------------+
 * | issued at (u64)|   caller client_id (16)       |        tag (16)               |
 * +----------------+-------------------------------+-------------------------------+
 * </pre>
 */
public final class CallId {
  public static final int LENGTH_BYTES = 40;
  public static final int LENGTH_HEX = 2 * LENGTH_BYTES;
  public static final int TAG_OFFSET = 24;
  public static final int TAG_LENGTH = 16;

  private final byte[] bytes;

  private CallId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A call id from its parts; {@code tag} must be 16 bytes. */
  public static CallId of(long issuedAtMillis, ClientId caller, byte[] tag) {
    if (tag.length != TAG_LENGTH) {
      throw new IllegalArgumentException("a call tag is " + TAG_LENGTH + " bytes");
    }
    byte[] out = new byte[LENGTH_BYTES];
    ByteBuffer.wrap(out).putLong(0, issuedAtMillis);
    System.arraycopy(caller.toBytes(), 0, out, 8, ClientId.LENGTH_BYTES);
    System.arraycopy(tag, 0, out, TAG_OFFSET, TAG_LENGTH);
    return new CallId(out);
  }

  /** The id in its 40 wire bytes. */
  public static CallId fromBytes(byte[] bytes) {
    if (bytes.length != LENGTH_BYTES) {
      throw new IllegalArgumentException("a call id is " + LENGTH_BYTES + " bytes");
    }
    return new CallId(bytes.clone());
  }

  /** The id written as 80 hex characters (either case), or empty. */
  public static Optional<CallId> parse(CharSequence hex) {
    if (hex == null || hex.length() != LENGTH_HEX) {
      return Optional.empty();
    }
    return Hex.decode(hex, LENGTH_BYTES).map(CallId::new);
  }

  public long issuedAtMillis() {
    return ByteBuffer.wrap(bytes).getLong(0);
  }

  public ClientId caller() {
    return ClientId.fromBytes(Arrays.copyOfRange(bytes, 8, 8 + ClientId.LENGTH_BYTES));
  }

  public byte[] tag() {
    return Arrays.copyOfRange(bytes, TAG_OFFSET, LENGTH_BYTES);
  }

  /** The bytes the tag is computed over: issued at and caller (the first 24 bytes). */
  public byte[] signedPart() {
    return Arrays.copyOf(bytes, TAG_OFFSET);
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  public String hex() {
    return Hex.encode(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CallId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
