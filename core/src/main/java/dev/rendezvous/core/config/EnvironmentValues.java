package dev.rendezvous.core.config;

import java.util.Map;

/** Reads typed values from environment variables; a bad value names its variable. */
public final class EnvironmentValues {
  private EnvironmentValues() {}

  /** The variable as a whole number, or {@code fallback} when it is unset or blank. */
  public static long wholeNumber(Map<String, String> env, String name, long fallback) {
    String text = env.get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(name + " must be a whole number, got '" + text + "'");
    }
  }
}
