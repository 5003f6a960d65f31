package dev.rendezvous.functions.api.errors;

import dev.rendezvous.functions.api.ApiError;
import dev.rendezvous.functions.api.BearerRejectedException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Missing or malformed Bearer credentials: 401 with a challenge. */
@Produces
@Singleton
@Requires(classes = {BearerRejectedException.class, ExceptionHandler.class})
public class BearerRejectedHandler
    implements ExceptionHandler<BearerRejectedException, HttpResponse<ApiError>> {

  @Override
  @SuppressWarnings("rawtypes") // the interface declares a raw HttpRequest
  public HttpResponse<ApiError> handle(HttpRequest request, BearerRejectedException exception) {
    return ErrorResponses.unauthorized(exception.getMessage(), exception.challengeError());
  }
}
