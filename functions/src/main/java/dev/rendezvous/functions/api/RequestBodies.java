package dev.rendezvous.functions.api;

import dev.rendezvous.core.InvalidRequestException;
import dev.rendezvous.core.InvalidRequestException.Reason;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpRequestWrapper;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The POST routes take no parameters: their body may be empty or a JSON object (whose members are
 * ignored, so that later clients can send more). Anything else is a 400, anything larger than
 * {@link #MAX_BODY_BYTES} a 413.
 */
@Singleton
public final class RequestBodies {
  /** Far above anything a route needs; API Gateway alone would pass up to 10 MB. */
  public static final int MAX_BODY_BYTES = 4096;

  private final JsonMapper jsonMapper;

  public RequestBodies(JsonMapper jsonMapper) {
    this.jsonMapper = jsonMapper;
  }

  /** The body, which must be a JSON object (for routes that take parameters). */
  JsonNode requireObject(HttpRequest<?> request) {
    byte[] bytes = read(request);
    requireEmptyOrObject(bytes);
    if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
      throw new InvalidRequestException(
          Reason.BODY_MALFORMED, "the request body must be a JSON object");
    }
    try {
      return jsonMapper.readValue(bytes, JsonNode.class);
    } catch (IOException e) {
      throw new InvalidRequestException(
          Reason.BODY_MALFORMED, "the request body is not valid JSON");
    }
  }

  void requireEmptyOrObject(HttpRequest<?> request) {
    requireEmptyOrObject(read(request));
  }

  /**
   * The raw body, at most one byte more than the limit. Read from the portable {@link ByteBody},
   * not through Micronaut's content-type based binding, which rejects an empty body.
   */
  private static byte[] read(HttpRequest<?> request) {
    HttpRequest<?> unwrapped = request;
    while (unwrapped instanceof HttpRequestWrapper<?> wrapper) {
      unwrapped = wrapper.getDelegate();
    }
    if (!(unwrapped instanceof ServerHttpRequest<?> server)) {
      throw new IllegalStateException("not a server request: " + request.getClass());
    }
    try (InputStream in = server.byteBody().split().toInputStream()) {
      return in.readNBytes(MAX_BODY_BYTES + 1);
    } catch (IOException | RuntimeException e) {
      if (causedByTooLarge(e)) {
        throw new InvalidRequestException(
            Reason.BODY_TOO_LARGE, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
      }
      throw new InvalidRequestException(
          Reason.BODY_MALFORMED, "the request body could not be read");
    }
  }

  /** The server refused to buffer the body (Netty's max-request-size). */
  private static boolean causedByTooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ContentLengthExceededException) {
        return true;
      }
    }
    return false;
  }

  void requireEmptyOrObject(@Nullable byte[] bytes) {
    if (bytes == null) {
      return;
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw new InvalidRequestException(
          Reason.BODY_TOO_LARGE, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
      return;
    }
    JsonNode node;
    try {
      node = jsonMapper.readValue(bytes, JsonNode.class);
    } catch (IOException | RuntimeException e) {
      throw new InvalidRequestException(
          Reason.BODY_MALFORMED, "the request body is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new InvalidRequestException(
          Reason.BODY_MALFORMED, "the request body must be empty or a JSON object");
    }
  }
}
