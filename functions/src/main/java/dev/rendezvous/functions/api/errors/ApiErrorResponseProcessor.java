package dev.rendezvous.functions.api.errors;

import dev.rendezvous.functions.api.ApiError;
import dev.rendezvous.functions.api.ErrorCodes;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Gives the errors Micronaut produces itself (no route: 404, wrong method: 405, body too large:
 * 413, unreadable arguments: 400, ...) the same JSON shape as ours. Server errors never carry a
 * detail to the client.
 */
@Singleton
public class ApiErrorResponseProcessor implements ErrorResponseProcessor<ApiError> {

  @Override
  @SuppressWarnings("unchecked")
  public MutableHttpResponse<ApiError> processResponse(
      ErrorContext errorContext, MutableHttpResponse<?> response) {
    int status = response.code();
    String message =
        status >= 500
            ? (status == 503 ? "service unavailable, retry later" : "internal error")
            : errorContext.getErrors().stream()
                .map(Error::getMessage)
                .findFirst()
                .orElse(response.reason());
    MutableHttpResponse<ApiError> typed = (MutableHttpResponse<ApiError>) response;
    if (errorContext.getRequest().getMethod() == HttpMethod.HEAD) {
      return typed;
    }
    return typed
        .body(ApiError.of(ErrorCodes.forStatus(status), message))
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
