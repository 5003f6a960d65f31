package dev.rendezvous.infra;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads CDK context values, which arrive typed from cdk.json and as strings from {@code -c
 * key=value}. An empty or blank value means "not set". A malformed value names its key.
 */
record ContextReader(Function<String, Object> context) {
  Optional<String> text(String key) {
    Object value = context.apply(key);
    if (value == null || value.toString().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(value.toString().trim());
  }

  long integer(String key, long fallback) {
    Optional<String> value = text(key);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(value.get());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "context " + key + " must be a whole number, got '" + value.get() + "'", e);
    }
  }

  boolean bool(String key, boolean fallback) {
    Optional<String> value = text(key);
    if (value.isEmpty()) {
      return fallback;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              "context " + key + " must be true or false, got '" + value.get() + "'");
    };
  }

  static void requireRange(String key, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "context " + key + " must be " + min + ".." + max + ", got " + value);
    }
  }
}
