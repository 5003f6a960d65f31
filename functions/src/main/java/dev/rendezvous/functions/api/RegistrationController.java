package dev.rendezvous.functions.api;

import dev.rendezvous.core.service.Registration;
import dev.rendezvous.core.service.RendezvousService;
import dev.rendezvous.protocol.identity.ClientCredentials;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

/** {@code POST /register}: no authentication; issues a new identity. */
@Controller
public class RegistrationController {
  private final RendezvousService service;
  private final RequestBodies bodies;

  public RegistrationController(RendezvousService service, RequestBodies bodies) {
    this.service = service;
    this.bodies = bodies;
  }

  @Post(uri = "/register", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  Responses.Registered register(HttpRequest<?> request) {
    bodies.requireEmptyOrObject(request);
    Registration registration = service.register();
    ClientCredentials issued = registration.credentials();
    return new Responses.Registered(
        issued.clientId().hex(),
        issued.privateKey().revealHex(),
        ApiTimes.epochSeconds(registration.registeredAt()),
        true);
  }
}
