package dev.rendezvous.functions.api;

import dev.rendezvous.core.service.PeerStatus;
import dev.rendezvous.core.service.PeerUdpAddress;
import dev.rendezvous.core.service.RendezvousService;
import dev.rendezvous.protocol.identity.PrivateKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;

/** {@code GET /peer/{client_id}/udp} and {@code .../udp/status}: what a caller knows of a peer. */
@Controller("/peer/{client_id}")
public class PeerController {
  private final RendezvousService service;

  public PeerController(RendezvousService service) {
    this.service = service;
  }

  @Get(uri = "/udp", headRoute = false, produces = MediaType.APPLICATION_JSON)
  Responses.PeerUdp udp(
      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
      @PathVariable("client_id") String clientId) {
    PrivateKey key = BearerKeys.require(authorization);
    PeerUdpAddress peer = service.peerAddress(key, PathIds.clientId(clientId));
    return new Responses.PeerUdp(
        peer.clientId().hex(),
        peer.address().host(),
        peer.address().port(),
        peer.candidates().stream().map(CandidatesController::json).toList(),
        ApiTimes.epochSeconds(peer.at()),
        true);
  }

  @Get(uri = "/udp/status", headRoute = false, produces = MediaType.APPLICATION_JSON)
  Responses.PeerUdpStatus status(
      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
      @PathVariable("client_id") String clientId) {
    PrivateKey key = BearerKeys.require(authorization);
    PeerStatus peer = service.peerStatus(key, PathIds.clientId(clientId));
    return new Responses.PeerUdpStatus(
        peer.clientId().hex(),
        peer.liveness().name(),
        peer.sinceLastPulse().map(ApiTimes::seconds).orElse(null),
        ApiTimes.epochSeconds(peer.at()),
        true);
  }
}
