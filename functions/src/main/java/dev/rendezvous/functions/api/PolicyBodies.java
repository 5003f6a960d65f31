package dev.rendezvous.functions.api;

import dev.rendezvous.core.InvalidRequestException;
import dev.rendezvous.core.InvalidRequestException.Reason;
import dev.rendezvous.core.call.CallPolicy;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.MalformedCredentialException;
import io.micronaut.json.tree.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The body of {@code PUT /call-policy}: {@code {"accept": "everyone"|"nobody"|"listed", "allowed":
 * [client_id, ...]}} ({@code allowed} only with {@code listed}, at most {@link
 * CallPolicy#MAX_ALLOWED}); anything else is a 400 {@code malformed_body}.
 */
final class PolicyBodies {
  private PolicyBodies() {}

  static CallPolicy parse(JsonNode body) {
    JsonNode accept = body.get("accept");
    if (accept == null || !accept.isString()) {
      throw malformed("accept must be everyone, nobody or listed");
    }
    CallPolicy.Mode mode;
    try {
      mode = CallPolicy.Mode.valueOf(accept.getStringValue().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw malformed("accept must be everyone, nobody or listed");
    }
    JsonNode allowed = body.get("allowed");
    List<ClientId> ids = new ArrayList<>();
    if (allowed != null && !allowed.isNull()) {
      if (!allowed.isArray() || allowed.size() > CallPolicy.MAX_ALLOWED) {
        throw malformed("allowed must be a list of at most " + CallPolicy.MAX_ALLOWED + " ids");
      }
      for (JsonNode item : allowed.values()) {
        ids.add(clientId(item));
      }
    }
    if (mode != CallPolicy.Mode.LISTED && !ids.isEmpty()) {
      throw malformed("allowed goes only with accept: listed");
    }
    return new CallPolicy(mode, ids.stream().distinct().toList());
  }

  private static ClientId clientId(JsonNode item) {
    if (!item.isString()) {
      throw malformed("allowed must hold client ids");
    }
    try {
      return ClientId.parse(item.getStringValue());
    } catch (MalformedCredentialException e) {
      throw malformed("allowed must hold client ids (32 hex characters)");
    }
  }

  private static InvalidRequestException malformed(String message) {
    return new InvalidRequestException(Reason.BODY_MALFORMED, message);
  }
}
