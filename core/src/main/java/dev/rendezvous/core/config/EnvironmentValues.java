package dev.rendezvous.core.config;

import dev.rendezvous.core.InvalidSettingException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one parser of each kind of environment value (whole numbers, decimals, flags); a bad value
 * names its variable. An unset or blank variable takes the fallback.
 */
public final class EnvironmentValues {
  private EnvironmentValues() {}

  /** The variable as a whole number. */
  public static long wholeNumber(Map<String, String> env, String name, long fallback) {
    return wholeNumber(env, name).orElse(fallback);
  }

  /** The variable as a whole number; empty when it is unset or blank. */
  public static Optional<Long> wholeNumber(Map<String, String> env, String name) {
    String text = env.get(name);
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(text.trim()));
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(name + " must be a whole number, got '" + text + "'");
    }
  }

  /**
   * The variable as a finite decimal number, in plain or exponent notation ({@code 2.5}, {@code
   * 1e3}). {@code NaN}, {@code Infinity} and values beyond the range of a double are refused.
   */
  public static double decimal(Map<String, String> env, String name, double fallback) {
    String text = env.get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    double value;
    try {
      value = new BigDecimal(text.trim()).doubleValue();
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(name + " must be a decimal number, got '" + text + "'");
    }
    if (!Double.isFinite(value)) {
      throw new InvalidSettingException(name + " is too large, got '" + text + "'");
    }
    return value;
  }

  /** The variable as a flag: true, 1, yes, on or false, 0, no, off (any case). */
  public static boolean flag(Map<String, String> env, String name, boolean fallback) {
    String text = env.get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default ->
          throw new InvalidSettingException(name + " must be true or false, got '" + text + "'");
    };
  }
}
