package dev.rendezvous.functions.api.errors;

import dev.rendezvous.functions.api.ApiError;
import dev.rendezvous.functions.api.ErrorCodes;
import dev.rendezvous.functions.api.RequestBodyException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A body that is too large (413) or not a JSON object (400). */
@Produces
@Singleton
@Requires(classes = {RequestBodyException.class, ExceptionHandler.class})
public class RequestBodyHandler
    implements ExceptionHandler<RequestBodyException, HttpResponse<ApiError>> {

  @Override
  @SuppressWarnings("rawtypes") // the interface declares a raw HttpRequest
  public HttpResponse<ApiError> handle(HttpRequest request, RequestBodyException exception) {
    return exception.tooLarge()
        ? ErrorResponses.of(
            HttpStatus.REQUEST_ENTITY_TOO_LARGE,
            ErrorCodes.PAYLOAD_TOO_LARGE,
            exception.getMessage())
        : ErrorResponses.of(
            HttpStatus.BAD_REQUEST, ErrorCodes.MALFORMED_BODY, exception.getMessage());
  }
}
