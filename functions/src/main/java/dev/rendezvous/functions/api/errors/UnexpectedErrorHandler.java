package dev.rendezvous.functions.api.errors;

import dev.rendezvous.functions.api.ApiError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort for genuine bugs: logs the exception and answers a JSON 500 without any detail.
 * More specific handlers (RendezvousExceptionHandler and Micronaut's own, e.g. for conversion
 * errors) take precedence.
 */
@Produces
@Singleton
public class UnexpectedErrorHandler implements ExceptionHandler<Exception, HttpResponse<ApiError>> {
  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

  @Override
  @SuppressWarnings("rawtypes") // the interface declares a raw HttpRequest
  public HttpResponse<ApiError> handle(HttpRequest request, Exception exception) {
    LOG.error("unexpected error on {} {}", request.getMethod(), request.getPath(), exception);
    return ErrorResponses.internalError();
  }
}
