package dev.rendezvous.functions.api.errors;

import dev.rendezvous.core.registry.UnknownClientException;
import dev.rendezvous.functions.api.ApiError;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A well-formed Bearer key that names no live client (never registered, logged out, expired). */
@Produces
@Singleton
@Requires(classes = {UnknownClientException.class, ExceptionHandler.class})
public class UnknownClientHandler
    implements ExceptionHandler<UnknownClientException, HttpResponse<ApiError>> {

  @Override
  @SuppressWarnings("rawtypes") // the interface declares a raw HttpRequest
  public HttpResponse<ApiError> handle(HttpRequest request, UnknownClientException exception) {
    return ErrorResponses.unauthorized(
        "unknown or expired key: register again to get a new one", "invalid_token");
  }
}
