package dev.rendezvous.client.testserver;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rendezvous.core.InvalidRequestException;
import dev.rendezvous.core.PeerNotFoundException;
import dev.rendezvous.core.StorageUnavailableException;
import dev.rendezvous.core.UnknownClientException;
import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.service.Candidate;
import dev.rendezvous.core.service.PeerStatus;
import dev.rendezvous.core.service.PeerUdpAddress;
import dev.rendezvous.core.service.Registration;
import dev.rendezvous.core.service.RendezvousService;
import dev.rendezvous.core.service.VerifyResult;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.MalformedCredentialException;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP routes of docs/openapi.yaml (the seed's five and {@code PUT /me/candidates}) over the
 * real core {@link RendezvousService}, served by the JDK's HTTP server. Errors are JSON with the
 * documented statuses; nothing answers 500 to bad input.
 */
final class TestHttpRoutes implements AutoCloseable {
  /** The service writes {@code "last_online": null}; so does this server. */
  private static final JSON JSON_WITH_NULLS = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);

  private static final Pattern PEER = Pattern.compile("^/peer/([^/]*)/udp(/status)?$");

  private final RendezvousService service;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  TestHttpRoutes(RendezvousService service, InetSocketAddress bind) throws IOException {
    this.service = service;
    this.server = HttpServer.create(bind, 64);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] request = exchange.getRequestBody().readAllBytes();
      Response r;
      try {
        r = route(exchange, request);
      } catch (UnknownClientException | MalformedCredentialException e) {
        r = error(401, "unauthorized", "missing, malformed or unknown bearer key");
      } catch (PeerNotFoundException e) {
        r = error(404, "not_found", e.getMessage());
      } catch (InvalidRequestException e) {
        r = error(400, "malformed_body", e.getMessage());
      } catch (StorageUnavailableException e) {
        r = error(503, "storage_unavailable", "storage is unavailable, try again");
      }
      byte[] body = JSON_WITH_NULLS.asString(r.body).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      if (r.status == 401) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      }
      exchange.sendResponseHeaders(r.status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private Response route(HttpExchange exchange, byte[] request) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    switch (path) {
      case "/register" -> {
        if (!method.equals("POST")) {
          return error(405, "method_not_allowed", "use POST");
        }
        Registration reg = service.register();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_id", reg.credentials().clientId().hex());
        body.put("private_id", reg.credentials().privateKey().revealHex());
        body.put("timestamp", seconds(reg.registeredAt()));
        body.put("ok", true);
        return new Response(200, body);
      }
      case "/verify" -> {
        if (!method.equals("POST")) {
          return error(405, "method_not_allowed", "use POST");
        }
        VerifyResult result = service.verify(bearer(exchange));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_id", result.clientId().hex());
        body.put("timestamp", seconds(result.at()));
        body.put("ok", result.revived());
        return new Response(200, body);
      }
      case "/logout" -> {
        if (!method.equals("POST")) {
          return error(405, "method_not_allowed", "use POST");
        }
        PrivateKey key = bearer(exchange);
        service.logout(key);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_id", key.clientId().hex());
        body.put("ok", true);
        return new Response(200, body);
      }
      case "/me/candidates" -> {
        if (!method.equals("PUT")) {
          return error(405, "method_not_allowed", "use PUT");
        }
        return candidates(bearer(exchange), request);
      }
      default -> {
        return peerRoute(exchange, method, path);
      }
    }
  }

  private Response peerRoute(HttpExchange exchange, String method, String path) {
    Matcher m = PEER.matcher(path);
    if (!m.matches()) {
      return error(404, "not_found", "no route " + path);
    }
    if (!method.equals("GET")) {
      return error(405, "method_not_allowed", "use GET");
    }
    PrivateKey key = bearer(exchange);
    ClientId target;
    try {
      target = ClientId.parse(m.group(1));
    } catch (MalformedCredentialException e) {
      return error(400, "bad_client_id", "client_id must be 32 hex characters");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("client_id", target.hex());
    Instant at;
    if (m.group(2) == null) {
      PeerUdpAddress address = service.peerAddress(key, target);
      body.put("host", address.address().host());
      body.put("port", address.address().port());
      body.put("candidates", candidateList(address.candidates()));
      at = address.at();
    } else {
      PeerStatus status = service.peerStatus(key, target);
      body.put("status", status.liveness().name());
      body.put("last_online", status.sinceLastPulse().map(d -> d.toMillis() / 1000.0).orElse(null));
      at = status.at();
    }
    body.put("timestamp", seconds(at));
    body.put("ok", true);
    return new Response(200, body);
  }

  @SuppressWarnings("unchecked")
  private Response candidates(PrivateKey key, byte[] request) throws IOException {
    List<ObservedAddress> reported = new ArrayList<>();
    Object list = JSON.std.mapFrom(request).get("candidates");
    if (!(list instanceof List<?> items)) {
      return error(400, "malformed_body", "candidates must be a list");
    }
    for (Object item : items) {
      Map<String, Object> c = (Map<String, Object>) item;
      reported.add(
          new ObservedAddress((String) c.get("host"), ((Number) c.get("port")).intValue()));
    }
    List<ObservedAddress> stored = service.reportLanCandidates(key, reported);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("client_id", key.clientId().hex());
    body.put(
        "candidates",
        candidateList(
            stored.stream()
                .map(a -> new Candidate(AddressFamily.of(a), a, Candidate.Kind.LAN))
                .toList()));
    body.put("timestamp", seconds(Instant.now()));
    body.put("ok", true);
    return new Response(200, body);
  }

  private static List<Map<String, Object>> candidateList(List<Candidate> candidates) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Candidate c : candidates) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("family", c.familyNumber());
      m.put("host", c.address().host());
      m.put("port", c.address().port());
      m.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
      out.add(m);
    }
    return out;
  }

  private static PrivateKey bearer(HttpExchange exchange) {
    String header =
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("");
    if (!header.startsWith("Bearer ")) {
      throw new UnknownClientException("missing bearer");
    }
    return PrivateKey.parse(header.substring("Bearer ".length()).trim());
  }

  private static double seconds(Instant at) {
    return at.toEpochMilli() / 1000.0;
  }

  private static Response error(int status, String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ok", false);
    body.put("error", code);
    body.put("message", message);
    return new Response(status, body);
  }

  private record Response(int status, Map<String, Object> body) {}

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
