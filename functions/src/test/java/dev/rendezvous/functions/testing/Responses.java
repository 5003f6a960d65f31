package dev.rendezvous.functions.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Parses response bodies with a plain Jackson mapper, independent of the code under test. */
public final class Responses {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Responses() {}

  public static JsonNode json(String body) {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + body, e);
    }
  }
}
