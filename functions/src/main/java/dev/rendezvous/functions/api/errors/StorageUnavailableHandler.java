package dev.rendezvous.functions.api.errors;

import dev.rendezvous.core.registry.StorageUnavailableException;
import dev.rendezvous.functions.api.ApiError;
import dev.rendezvous.functions.api.ErrorCodes;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Storage could not answer: nothing was decided, so the client should retry later (503). */
@Produces
@Singleton
@Requires(classes = {StorageUnavailableException.class, ExceptionHandler.class})
public class StorageUnavailableHandler
    implements ExceptionHandler<StorageUnavailableException, HttpResponse<ApiError>> {
  private static final Logger LOG = LoggerFactory.getLogger(StorageUnavailableHandler.class);

  @Override
  @SuppressWarnings("rawtypes") // the interface declares a raw HttpRequest
  public HttpResponse<ApiError> handle(HttpRequest request, StorageUnavailableException exception) {
    LOG.warn("storage unavailable on {} {}", request.getMethod(), request.getPath(), exception);
    return ErrorResponses.of(
            HttpStatus.SERVICE_UNAVAILABLE,
            ErrorCodes.STORAGE_UNAVAILABLE,
            "storage is unavailable, retry later")
        .header(HttpHeaders.RETRY_AFTER, Integer.toString(exception.retryAfterSeconds()));
  }
}
