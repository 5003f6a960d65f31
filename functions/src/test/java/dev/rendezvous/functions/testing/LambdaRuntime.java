package dev.rendezvous.functions.testing;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;

/**
 * Turns raw event JSON into event objects, and responses back into JSON, the way the Lambda Java
 * runtime does: with the {@link CustomPojoSerializer} that {@link ServiceLoader} finds on the class
 * path (here Micronaut's serde-based one, shipped in the function jar).
 */
public final class LambdaRuntime {
  private static final CustomPojoSerializer SERIALIZER =
      ServiceLoader.load(CustomPojoSerializer.class)
          .findFirst()
          .orElseThrow(
              () -> new IllegalStateException("no CustomPojoSerializer on the class path"));

  private LambdaRuntime() {}

  public static CustomPojoSerializer serializer() {
    return SERIALIZER;
  }

  public static String resource(String name, String... replacements) {
    try (InputStream in = LambdaRuntime.class.getResourceAsStream("/events/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no event " + name);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (int i = 0; i + 1 < replacements.length; i += 2) {
        text = text.replace(replacements[i], replacements[i + 1]);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static <T> T event(String json, Class<T> type) {
    return SERIALIZER.fromJson(json, type);
  }

  public static String toJson(Object response, Type type) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SERIALIZER.toJson(response, out, type);
    return out.toString(StandardCharsets.UTF_8);
  }
}
