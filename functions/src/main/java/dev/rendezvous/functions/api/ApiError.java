package dev.rendezvous.functions.api;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Every error body: {@code {"ok": false, "error": "<short code>", "message": "<text>"}}.
 *
 * @param error a stable machine-readable code, see {@link ErrorCodes}
 * @param message a human-readable explanation; never a stack trace or an internal detail
 */
@Serdeable
public record ApiError(boolean ok, String error, String message) {
  public static ApiError of(String error, String message) {
    return new ApiError(false, error, message);
  }
}
