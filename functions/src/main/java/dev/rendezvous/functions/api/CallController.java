package dev.rendezvous.functions.api;

import dev.rendezvous.core.PeerNotFoundException;
import dev.rendezvous.core.call.CallDetails;
import dev.rendezvous.core.call.CallPolicy;
import dev.rendezvous.core.call.CallService;
import dev.rendezvous.core.call.CallTicket;
import dev.rendezvous.protocol.call.CallId;
import dev.rendezvous.protocol.identity.Hex;
import dev.rendezvous.protocol.identity.PrivateKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;

/**
 * One-sided connect: {@code POST /peer/{client_id}/connect} rings a callee and answers once it
 * acknowledged; {@code GET /calls/{call_id}} gives the callee the call; {@code GET|PUT
 * /call-policy} reads and sets whom a client accepts calls from.
 */
@Controller
public class CallController {
  private final CallService calls;
  private final RequestBodies bodies;

  public CallController(CallService calls, RequestBodies bodies) {
    this.calls = calls;
    this.bodies = bodies;
  }

  @Post(
      uri = "/peer/{client_id}/connect",
      consumes = MediaType.ALL,
      produces = MediaType.APPLICATION_JSON)
  Responses.Call connect(
      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
      @PathVariable("client_id") String clientId,
      HttpRequest<?> request) {
    PrivateKey key = BearerKeys.require(authorization);
    bodies.requireEmptyOrObject(request);
    CallTicket ticket = calls.connect(key, PathIds.clientId(clientId));
    return new Responses.Call(
        ticket.call().hex(),
        ticket.callee().hex(),
        ticket.calleeAddress().host(),
        ticket.calleeAddress().port(),
        Hex.encode(ticket.pairKey().bytes()),
        ApiTimes.epochSeconds(ticket.expiresAt()),
        ApiTimes.epochSeconds(ticket.at()),
        true);
  }

  @Get(uri = "/calls/{call_id}", headRoute = false, produces = MediaType.APPLICATION_JSON)
  Responses.IncomingCall call(
      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
      @PathVariable("call_id") String callId) {
    PrivateKey key = BearerKeys.require(authorization);
    CallId call = CallId.parse(callId).orElseThrow(() -> new PeerNotFoundException("no such call"));
    CallDetails details = calls.fetch(key, call);
    return new Responses.IncomingCall(
        details.call().hex(),
        details.caller().hex(),
        details.callerAddress().host(),
        details.callerAddress().port(),
        Hex.encode(details.pairKey().bytes()),
        ApiTimes.epochSeconds(details.expiresAt()),
        ApiTimes.epochSeconds(details.at()),
        true);
  }

  @Get(uri = "/call-policy", headRoute = false, produces = MediaType.APPLICATION_JSON)
  Responses.Policy policy(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
    PrivateKey key = BearerKeys.require(authorization);
    return Responses.Policy.of(key.clientId(), calls.policy(key));
  }

  @Put(uri = "/call-policy", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  Responses.Policy setPolicy(
      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization, HttpRequest<?> request) {
    PrivateKey key = BearerKeys.require(authorization);
    CallPolicy policy = PolicyBodies.parse(bodies.requireObject(request));
    calls.setPolicy(key, policy);
    return Responses.Policy.of(key.clientId(), policy);
  }
}
