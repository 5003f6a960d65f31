package dev.rendezvous.functions.api;

import dev.rendezvous.core.InvalidRequestException;
import dev.rendezvous.core.InvalidRequestException.Reason;
import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.service.Candidate;
import dev.rendezvous.core.service.RendezvousService;
import dev.rendezvous.protocol.identity.PrivateKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.tree.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code PUT /me/candidates}: the caller reports the LAN addresses and ports of its socket, {@code
 * {"candidates": [{"host": "10.0.1.2", "port": 40000}, ...]}} (at most 4; an empty list clears
 * them). Peers behind the same public IPv4 address then see them in {@code GET /peer/{id}/udp}.
 */
@Controller
public class CandidatesController {
  private final RendezvousService service;
  private final RequestBodies bodies;

  public CandidatesController(RendezvousService service, RequestBodies bodies) {
    this.service = service;
    this.bodies = bodies;
  }

  @Put(uri = "/me/candidates", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  Responses.CandidatesStored report(
      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization, HttpRequest<?> request) {
    PrivateKey key = BearerKeys.require(authorization);
    List<ObservedAddress> reported = parse(bodies.requireObject(request));
    List<ObservedAddress> stored = service.reportLanCandidates(key, reported);
    Instant at = service.clock().instant();
    return new Responses.CandidatesStored(
        key.clientId().hex(),
        stored.stream()
            .map(a -> json(new Candidate(AddressFamily.of(a), a, Candidate.Kind.LAN)))
            .toList(),
        ApiTimes.epochSeconds(at),
        true);
  }

  static Responses.CandidateJson json(Candidate c) {
    return new Responses.CandidateJson(
        c.familyNumber(),
        c.address().host(),
        c.address().port(),
        c.kind().name().toLowerCase(Locale.ROOT));
  }

  private static List<ObservedAddress> parse(JsonNode body) {
    JsonNode list = body.get("candidates");
    if (list == null || !list.isArray()) {
      throw malformed("the body must have a \"candidates\" array");
    }
    List<ObservedAddress> out = new ArrayList<>();
    for (JsonNode c : list.values()) {
      JsonNode host = c.isObject() ? c.get("host") : null;
      JsonNode port = c.isObject() ? c.get("port") : null;
      if (host == null || !host.isString() || port == null || !port.isNumber()) {
        throw malformed("each candidate must be {\"host\": \"<IP>\", \"port\": <1..65535>}");
      }
      double p = port.getDoubleValue();
      if (p != Math.rint(p) || p < 1 || p > 65535) {
        throw malformed("candidate port must be an integer 1..65535");
      }
      out.add(
          new ObservedAddress(
              host.getStringValue().isEmpty() ? "-" : host.getStringValue(), (int) p));
    }
    return out;
  }

  private static InvalidRequestException malformed(String message) {
    return new InvalidRequestException(Reason.BODY_MALFORMED, message);
  }
}
