package dev.rendezvous.functions.api.errors;

import dev.rendezvous.functions.api.ApiError;
import dev.rendezvous.functions.api.ErrorCodes;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/** Builds the JSON error responses; the one place that knows their shape and headers. */
final class ErrorResponses {
  static final String REALM = "Bearer realm=\"rendezvous\"";

  private ErrorResponses() {}

  static MutableHttpResponse<ApiError> of(HttpStatus status, String code, String message) {
    return HttpResponse.<ApiError>status(status)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(ApiError.of(code, message));
  }

  /** A 500 that tells the client nothing about the failure. */
  static MutableHttpResponse<ApiError> internalError() {
    return of(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCodes.INTERNAL_ERROR, "internal error");
  }

  static MutableHttpResponse<ApiError> unauthorized(String message, String challengeError) {
    String challenge =
        challengeError == null ? REALM : REALM + ", error=\"" + challengeError + "\"";
    return of(HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHORIZED, message)
        .header(HttpHeaders.WWW_AUTHENTICATE, challenge);
  }
}
