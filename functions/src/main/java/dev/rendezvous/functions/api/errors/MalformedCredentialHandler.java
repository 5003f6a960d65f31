package dev.rendezvous.functions.api.errors;

import dev.rendezvous.functions.api.ApiError;
import dev.rendezvous.functions.api.ErrorCodes;
import dev.rendezvous.protocol.identity.MalformedCredentialException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A path client_id that is not 32 hex characters (Bearer keys are checked before, as 401). */
@Produces
@Singleton
@Requires(classes = {MalformedCredentialException.class, ExceptionHandler.class})
public class MalformedCredentialHandler
    implements ExceptionHandler<MalformedCredentialException, HttpResponse<ApiError>> {

  @Override
  @SuppressWarnings("rawtypes") // the interface declares a raw HttpRequest
  public HttpResponse<ApiError> handle(
      HttpRequest request, MalformedCredentialException exception) {
    return ErrorResponses.of(
        HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_CLIENT_ID, exception.getMessage());
  }
}
