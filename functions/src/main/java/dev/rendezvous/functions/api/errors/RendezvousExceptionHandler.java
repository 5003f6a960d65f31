package dev.rendezvous.functions.api.errors;

import dev.rendezvous.core.CallNotPossibleException;
import dev.rendezvous.core.ClientIdCollisionException;
import dev.rendezvous.core.InvalidRequestException;
import dev.rendezvous.core.InvalidSettingException;
import dev.rendezvous.core.PeerNotFoundException;
import dev.rendezvous.core.RendezvousException;
import dev.rendezvous.core.StorageUnavailableException;
import dev.rendezvous.core.UnknownClientException;
import dev.rendezvous.functions.api.ApiError;
import dev.rendezvous.functions.api.ErrorCodes;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every domain failure to its JSON answer, in one place. {@link RendezvousException} is sealed and
 * {@link RendezvousException.Cases} has one method per kind, so this mapping is exhaustive: a new
 * kind does not compile until it has an answer here.
 */
@Produces
@Singleton
public class RendezvousExceptionHandler
    implements ExceptionHandler<RendezvousException, HttpResponse<ApiError>> {
  private static final Logger LOG = LoggerFactory.getLogger(RendezvousExceptionHandler.class);

  @Override
  @SuppressWarnings("rawtypes") // the interface declares a raw HttpRequest
  public HttpResponse<ApiError> handle(HttpRequest request, RendezvousException exception) {
    return exception.handle(new Answers(request));
  }

  private static final class Answers
      implements RendezvousException.Cases<MutableHttpResponse<ApiError>> {
    private final HttpRequest<?> request;

    Answers(HttpRequest<?> request) {
      this.request = request;
    }

    @Override
    public MutableHttpResponse<ApiError> unknownClient(UnknownClientException e) {
      return ErrorResponses.unauthorized(
          "unknown or expired key: register again to get a new one", "invalid_token");
    }

    @Override
    public MutableHttpResponse<ApiError> invalidRequest(InvalidRequestException e) {
      return switch (e.reason()) {
        case CREDENTIALS_MISSING -> ErrorResponses.unauthorized(e.getMessage(), null);
        case CREDENTIALS_MALFORMED ->
            ErrorResponses.unauthorized(e.getMessage(), "invalid_request");
        case TOKEN_MALFORMED -> ErrorResponses.unauthorized(e.getMessage(), "invalid_token");
        case CLIENT_ID_MALFORMED ->
            ErrorResponses.of(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_CLIENT_ID, e.getMessage());
        case BODY_MALFORMED ->
            ErrorResponses.of(HttpStatus.BAD_REQUEST, ErrorCodes.MALFORMED_BODY, e.getMessage());
        case BODY_TOO_LARGE ->
            ErrorResponses.of(
                HttpStatus.REQUEST_ENTITY_TOO_LARGE, ErrorCodes.PAYLOAD_TOO_LARGE, e.getMessage());
      };
    }

    @Override
    public MutableHttpResponse<ApiError> peerNotFound(PeerNotFoundException e) {
      return ErrorResponses.of(HttpStatus.NOT_FOUND, ErrorCodes.NOT_FOUND, e.getMessage());
    }

    @Override
    public MutableHttpResponse<ApiError> callNotPossible(CallNotPossibleException e) {
      return switch (e.reason()) {
        case CALLEE_OFFLINE ->
            ErrorResponses.of(HttpStatus.CONFLICT, ErrorCodes.CALLEE_OFFLINE, e.getMessage());
        case CALLER_NOT_PULSING ->
            ErrorResponses.of(HttpStatus.CONFLICT, ErrorCodes.CALLER_NOT_PULSING, e.getMessage());
        case NO_LIVE_OWNER ->
            ErrorResponses.of(HttpStatus.CONFLICT, ErrorCodes.NO_LIVE_OWNER, e.getMessage());
        case NOT_ACKNOWLEDGED ->
            ErrorResponses.of(HttpStatus.CONFLICT, ErrorCodes.NOT_ACKNOWLEDGED, e.getMessage());
        case REFUSED -> ErrorResponses.of(HttpStatus.FORBIDDEN, ErrorCodes.REFUSED, e.getMessage());
        case RATE_LIMITED ->
            ErrorResponses.of(
                    HttpStatus.TOO_MANY_REQUESTS, ErrorCodes.TOO_MANY_REQUESTS, e.getMessage())
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()));
      };
    }

    /** Nothing was decided: the client should retry later. */
    @Override
    public MutableHttpResponse<ApiError> storageUnavailable(StorageUnavailableException e) {
      LOG.warn("storage unavailable on {} {}", request.getMethod(), request.getPath(), e);
      return ErrorResponses.of(
              HttpStatus.SERVICE_UNAVAILABLE,
              ErrorCodes.STORAGE_UNAVAILABLE,
              "storage is unavailable, retry later")
          .header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()));
    }

    @Override
    public MutableHttpResponse<ApiError> clientIdCollision(ClientIdCollisionException e) {
      return bug(e);
    }

    @Override
    public MutableHttpResponse<ApiError> invalidSetting(InvalidSettingException e) {
      return bug(e);
    }

    /** Failures that never reach a route unless something is wrong with the code. */
    private MutableHttpResponse<ApiError> bug(RendezvousException e) {
      LOG.error("unexpected error on {} {}", request.getMethod(), request.getPath(), e);
      return ErrorResponses.internalError();
    }
  }
}
