package dev.rendezvous.functions.api;

import dev.rendezvous.core.service.RendezvousService;
import dev.rendezvous.core.service.VerifyResult;
import dev.rendezvous.protocol.identity.PrivateKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;

/** {@code POST /verify} and {@code POST /logout}: the caller acts on itself, by its Bearer key. */
@Controller
public class SessionController {
  private final RendezvousService service;
  private final RequestBodies bodies;

  public SessionController(RendezvousService service, RequestBodies bodies) {
    this.service = service;
    this.bodies = bodies;
  }

  /** {@code ok} is true when a PENDING client came back ONLINE, false if it already was. */
  @Post(uri = "/verify", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  Responses.Verified verify(
      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization, HttpRequest<?> request) {
    PrivateKey key = BearerKeys.require(authorization);
    bodies.requireEmptyOrObject(request);
    VerifyResult result = service.verify(key);
    return new Responses.Verified(
        result.clientId().hex(), ApiTimes.epochSeconds(result.at()), result.revived());
  }

  /** The client is gone at once: its next pulse gets 1060. */
  @Post(uri = "/logout", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  Responses.LoggedOut logout(
      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization, HttpRequest<?> request) {
    PrivateKey key = BearerKeys.require(authorization);
    bodies.requireEmptyOrObject(request);
    service.logout(key);
    return new Responses.LoggedOut(key.clientId().hex(), true);
  }
}
