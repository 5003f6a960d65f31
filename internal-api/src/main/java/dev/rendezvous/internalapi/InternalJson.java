package dev.rendezvous.internalapi;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.OwnedState;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.protocol.call.CallId;
import dev.rendezvous.protocol.identity.ClientId;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The internal API's JSON bodies (jackson-jr), written and read strictly: a body that does not have
 * the expected members with the expected types is an {@link InternalBodyException}.
 *
 * <pre>
 * GET  .../clients/{id}          200 {"clientId", "families": [{"family": "ipv4"|"ipv6", "epoch",
 *                                      "host", "port", "lastPulseAtMillis", "counter"}]}
 * POST .../clients/{id}/verified {"atMillis"}
 * POST .../clients/{id}/revoke   {"family", "epoch"}
 * POST .../clients/{id}/punch-now {"callId", "first"}   204 acknowledged, 404 not_owned,
 *                                      409 no_ack, 429 {"error", "retryAfterSeconds"}
 * errors                         {"error": "&lt;code&gt;"}
 * </pre>
 */
public final class InternalJson {
  private static final JSON JSON_RW = JSON.std.with(JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS);
  private static final int MAX_FAMILIES = AddressFamily.values().length;

  private InternalJson() {}

  public static byte[] ownedStates(ClientId clientId, List<OwnedState> states) {
    List<Map<String, Object>> families = new ArrayList<>(states.size());
    for (OwnedState state : states) {
      Map<String, Object> family = new LinkedHashMap<>();
      family.put("family", familyName(state.family()));
      family.put("epoch", state.epoch());
      family.put("host", state.address().host());
      family.put("port", state.address().port());
      family.put("lastPulseAtMillis", state.lastPulseAt().toEpochMilli());
      family.put("counter", state.counter());
      families.add(family);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("clientId", clientId.hex());
    body.put("families", families);
    return write(body);
  }

  /** Reads a look-up answer, which must be about {@code expected}. */
  public static List<OwnedState> parseOwnedStates(ClientId expected, byte[] body) {
    Map<String, Object> root = read(body);
    if (!expected.hex().equals(root.get("clientId"))) {
      throw new InternalBodyException("the answer is about another client");
    }
    if (!(root.get("families") instanceof List<?> families) || families.size() > MAX_FAMILIES) {
      throw new InternalBodyException("families must be a list of at most " + MAX_FAMILIES);
    }
    List<OwnedState> states = new ArrayList<>(families.size());
    for (Object item : families) {
      if (!(item instanceof Map<?, ?> family)) {
        throw new InternalBodyException("a family must be an object");
      }
      states.add(
          new OwnedState(
              family(family.get("family")),
              positive(family.get("epoch"), "epoch"),
              address(family.get("host"), family.get("port")),
              Instant.ofEpochMilli(whole(family.get("lastPulseAtMillis"), "lastPulseAtMillis")),
              whole(family.get("counter"), "counter")));
    }
    return List.copyOf(states);
  }

  public static byte[] verified(Instant at) {
    return write(Map.of("atMillis", at.toEpochMilli()));
  }

  public static Instant parseVerified(byte[] body) {
    return Instant.ofEpochMilli(whole(read(body).get("atMillis"), "atMillis"));
  }

  public static byte[] revocation(Revocation revocation) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("family", familyName(revocation.family()));
    body.put("epoch", revocation.epoch());
    return write(body);
  }

  public static Revocation parseRevocation(byte[] body) {
    Map<String, Object> root = read(body);
    return new Revocation(family(root.get("family")), positive(root.get("epoch"), "epoch"));
  }

  public static byte[] punchNow(PunchNowRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("callId", request.call().hex());
    body.put("first", request.first());
    return write(body);
  }

  public static PunchNowRequest parsePunchNow(byte[] body) {
    Map<String, Object> root = read(body);
    Object first = root.get("first");
    if (!(first instanceof Boolean isFirst)) {
      throw new InternalBodyException("first must be true or false");
    }
    CallId call =
        CallId.parse(root.get("callId") instanceof String text ? text : null)
            .orElseThrow(() -> new InternalBodyException("callId must be 80 hex characters"));
    return new PunchNowRequest(call, isFirst);
  }

  /** A 429 body: {@code {"error": "rate_limited", "retryAfterSeconds"}}. */
  public static byte[] rateLimited(int retryAfterSeconds) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", "rate_limited");
    body.put("retryAfterSeconds", retryAfterSeconds);
    return write(body);
  }

  public static int parseRetryAfter(byte[] body) {
    return Math.toIntExact(Math.min(3600, whole(read(body).get("retryAfterSeconds"), "retry")));
  }

  /** An error body: {@code {"error": code}}, nothing more (no detail leaves the server). */
  public static byte[] error(String code) {
    return write(Map.of("error", code));
  }

  /** {@code ipv4} or {@code ipv6}, as the JSON bodies name a family. */
  public static String familyName(AddressFamily family) {
    return family == AddressFamily.IPV4 ? "ipv4" : "ipv6";
  }

  private static AddressFamily family(Object value) {
    if ("ipv4".equals(value)) {
      return AddressFamily.IPV4;
    }
    if ("ipv6".equals(value)) {
      return AddressFamily.IPV6;
    }
    throw new InternalBodyException("family must be ipv4 or ipv6");
  }

  private static ObservedAddress address(Object host, Object port) {
    if (!(host instanceof String text)) {
      throw new InternalBodyException("host must be a string");
    }
    try {
      return new ObservedAddress(text, Math.toIntExact(whole(port, "port")));
    } catch (IllegalArgumentException e) {
      throw new InternalBodyException("not an address: " + e.getMessage(), e);
    }
  }

  private static long positive(Object value, String name) {
    long number = whole(value, name);
    if (number < 1) {
      throw new InternalBodyException(name + " must be positive");
    }
    return number;
  }

  private static long whole(Object value, String name) {
    if (value instanceof Integer || value instanceof Long) {
      long number = ((Number) value).longValue();
      if (number >= 0) {
        return number;
      }
    }
    throw new InternalBodyException(name + " must be a whole number >= 0");
  }

  private static Map<String, Object> read(byte[] body) {
    try {
      Object root = JSON_RW.anyFrom(body);
      if (!(root instanceof Map<?, ?> map)) {
        throw new InternalBodyException("the body must be a JSON object");
      }
      @SuppressWarnings("unchecked") // JSON object keys are always strings
      Map<String, Object> members = (Map<String, Object>) map;
      return members;
    } catch (IOException e) {
      throw new InternalBodyException("the body is not JSON", e);
    }
  }

  private static byte[] write(Map<String, Object> body) {
    try {
      return JSON_RW.asBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("maps of strings and numbers always serialize", e);
    }
  }
}
