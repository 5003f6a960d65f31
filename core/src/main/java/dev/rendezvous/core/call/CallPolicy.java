package dev.rendezvous.core.call;

import dev.rendezvous.protocol.identity.ClientId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Whom a client accepts calls from: everyone (the default), nobody, or at most {@link #MAX_ALLOWED}
 * listed callers. Stored compactly on the client's own directory item as {@link #encode()}: one
 * mode byte, then 16 bytes per listed caller (at most 161 bytes, so the item stays within one write
 * unit).
 */
public record CallPolicy(Mode mode, List<ClientId> allowed) {
  /** Listed callers at most. */
  public static final int MAX_ALLOWED = 10;

  public static final CallPolicy EVERYONE = new CallPolicy(Mode.EVERYONE, List.of());

  /** The policy's kind, with the byte that stores it (fixed: stored items carry it). */
  public enum Mode {
    EVERYONE(0),
    NOBODY(1),
    LISTED(2);

    private final byte storedCode;

    Mode(int storedCode) {
      this.storedCode = (byte) storedCode;
    }

    static Optional<Mode> ofStoredCode(byte code) {
      for (Mode m : values()) {
        if (m.storedCode == code) {
          return Optional.of(m);
        }
      }
      return Optional.empty();
    }
  }

  public CallPolicy {
    allowed = List.copyOf(allowed);
    if (mode != Mode.LISTED && !allowed.isEmpty()) {
      throw new IllegalArgumentException("only a LISTED policy lists callers");
    }
    if (allowed.size() > MAX_ALLOWED) {
      throw new IllegalArgumentException("at most " + MAX_ALLOWED + " listed callers");
    }
  }

  public boolean admits(ClientId caller) {
    return switch (mode) {
      case EVERYONE -> true;
      case NOBODY -> false;
      case LISTED -> allowed.contains(caller);
    };
  }

  public byte[] encode() {
    byte[] out = new byte[1 + ClientId.LENGTH_BYTES * allowed.size()];
    out[0] = mode.storedCode;
    for (int i = 0; i < allowed.size(); i++) {
      System.arraycopy(
          allowed.get(i).toBytes(), 0, out, 1 + i * ClientId.LENGTH_BYTES, ClientId.LENGTH_BYTES);
    }
    return out;
  }

  /** The policy stored as {@code bytes}; empty when they are not a policy this code wrote. */
  public static Optional<CallPolicy> decode(byte[] bytes) {
    Optional<Mode> mode = bytes.length < 1 ? Optional.empty() : Mode.ofStoredCode(bytes[0]);
    if (mode.isEmpty() || (bytes.length - 1) % ClientId.LENGTH_BYTES != 0) {
      return Optional.empty();
    }
    List<ClientId> allowed = new ArrayList<>();
    for (int at = 1; at < bytes.length; at += ClientId.LENGTH_BYTES) {
      allowed.add(ClientId.fromBytes(Arrays.copyOfRange(bytes, at, at + ClientId.LENGTH_BYTES)));
    }
    try {
      return Optional.of(new CallPolicy(mode.get(), allowed));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
