package dev.rendezvous.functions.api.errors;

import dev.rendezvous.core.service.PeerNotFoundException;
import dev.rendezvous.functions.api.ApiError;
import dev.rendezvous.functions.api.ErrorCodes;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** The peer does not exist, has expired, or (for its address) has never pulsed. */
@Produces
@Singleton
@Requires(classes = {PeerNotFoundException.class, ExceptionHandler.class})
public class PeerNotFoundHandler
    implements ExceptionHandler<PeerNotFoundException, HttpResponse<ApiError>> {

  @Override
  @SuppressWarnings("rawtypes") // the interface declares a raw HttpRequest
  public HttpResponse<ApiError> handle(HttpRequest request, PeerNotFoundException exception) {
    return ErrorResponses.of(HttpStatus.NOT_FOUND, ErrorCodes.NOT_FOUND, exception.getMessage());
  }
}
