package dev.rendezvous.client.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A reply body read as one JSON object (jackson-jr, into a map: no reflection on the SDK's classes)
 * and typed access to its fields. A field that is missing or of the wrong type is an {@link
 * UnexpectedReplyException}.
 */
final class JsonBody {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final Map<String, Object> fields;

  private JsonBody(Map<String, Object> fields) {
    this.fields = fields;
  }

  /**
   * Parses {@code text}, which must hold exactly one JSON object (whitespace around it allowed).
   *
   * @throws IOException with jackson's description of where parsing failed
   */
  static JsonBody parse(String text) throws IOException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      Map<String, Object> fields = JSON.std.mapFrom(parser);
      if (fields == null) {
        throw new IOException("null instead of a JSON object");
      }
      if (parser.nextToken() != null) {
        throw new IOException("more than one JSON value");
      }
      return new JsonBody(fields);
    }
  }

  Object get(String name) {
    return fields.get(name);
  }

  String string(String name) {
    if (!(fields.get(name) instanceof String s)) {
      throw new UnexpectedReplyException(name + " is missing or not a string");
    }
    return s;
  }

  double number(String name) {
    if (!(fields.get(name) instanceof Number n)) {
      throw new UnexpectedReplyException(name + " is missing or not a number");
    }
    return n.doubleValue();
  }

  /** A number, or empty when the field is null or missing. */
  Optional<Double> optionalNumber(String name) {
    return fields.get(name) == null ? Optional.empty() : Optional.of(number(name));
  }

  boolean isTrue(String name) {
    return Boolean.TRUE.equals(fields.get(name));
  }

  /** {@code timestamp}: the service's clock in Unix seconds, with a fraction. */
  /** A port number from a reply. */
  static int port(double port) {
    if (port < 1 || port > 65535 || port != Math.rint(port)) {
      throw new UnexpectedReplyException("port out of range");
    }
    return (int) port;
  }

  Instant timestamp() {
    return Instant.ofEpochMilli(Math.round(number("timestamp") * 1000));
  }

  /** A field's value as text for messages ({@code null} when missing). */
  String text(String name) {
    Object v = fields.get(name);
    return v == null ? null : v.toString();
  }
}
