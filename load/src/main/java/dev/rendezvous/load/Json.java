package dev.rendezvous.load;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one top-level field from the service's small, flat JSON answers. */
final class Json {
  private Json() {}

  static Optional<String> field(String json, String name) {
    Matcher m =
        Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"([^\"]*)\"|[^,}\\s]+)")
            .matcher(json);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(m.group(2) != null ? m.group(2) : m.group(1));
  }
}
