package dev.rendezvous.core.directory;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * One edge process, as an owner of clients: 128 random bits drawn when it starts (32 lowercase hex
 * characters). A restarted process is a new task; nothing the old one owned carries over.
 */
public record TaskId(String hex) {
  private static final int HEX_LENGTH = 32;

  public TaskId {
    if (hex == null || hex.length() != HEX_LENGTH || !hex.matches("[0-9a-f]+")) {
      throw new IllegalArgumentException("a task id is 32 lowercase hex characters");
    }
  }

  public static TaskId random(SecureRandom random) {
    byte[] bytes = new byte[HEX_LENGTH / 2];
    random.nextBytes(bytes);
    StringBuilder hex = new StringBuilder(HEX_LENGTH);
    for (byte b : bytes) {
      hex.append(String.format(Locale.ROOT, "%02x", b & 0xff));
    }
    return new TaskId(hex.toString());
  }

  @Override
  public String toString() {
    return hex;
  }
}
