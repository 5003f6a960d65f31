package dev.rendezvous.functions.api;

/** The short codes in error bodies, one per kind of failure a client can act on. */
public final class ErrorCodes {
  public static final String BAD_REQUEST = "bad_request";
  public static final String INVALID_CLIENT_ID = "invalid_client_id";
  public static final String MALFORMED_BODY = "malformed_body";
  public static final String UNAUTHORIZED = "unauthorized";
  public static final String NOT_FOUND = "not_found";
  public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
  public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
  public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
  public static final String TOO_MANY_REQUESTS = "too_many_requests";
  public static final String CALLEE_OFFLINE = "callee_offline";
  public static final String CALLER_NOT_PULSING = "caller_not_pulsing";
  public static final String NO_LIVE_OWNER = "no_live_owner";
  public static final String NOT_ACKNOWLEDGED = "not_acknowledged";
  public static final String REFUSED = "refused";
  public static final String STORAGE_UNAVAILABLE = "storage_unavailable";
  public static final String INTERNAL_ERROR = "internal_error";
  public static final String ERROR = "error";

  private ErrorCodes() {}

  /** The code for a status when nothing more specific is known. */
  public static String forStatus(int status) {
    return switch (status) {
      case 400 -> BAD_REQUEST;
      case 401 -> UNAUTHORIZED;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 429 -> TOO_MANY_REQUESTS;
      case 503 -> STORAGE_UNAVAILABLE;
      default -> status >= 500 ? INTERNAL_ERROR : ERROR;
    };
  }
}
