package dev.rendezvous.functions.api;

import dev.rendezvous.core.InvalidRequestException;
import dev.rendezvous.core.InvalidRequestException.Reason;
import dev.rendezvous.protocol.identity.PrivateKey;
import io.micronaut.core.annotation.Nullable;
import java.util.Locale;

/**
 * Reads the private key from {@code Authorization: Bearer <private_id hex>}. Only the form is
 * checked here; whether the key names a live client is decided by the core, in constant time.
 */
final class BearerKeys {
  private static final String SCHEME = "bearer";

  private BearerKeys() {}

  static PrivateKey require(@Nullable String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw new InvalidRequestException(
          Reason.CREDENTIALS_MISSING,
          "missing Authorization header: send 'Authorization: Bearer <private_id>'");
    }
    String value = authorization.strip();
    int space = value.indexOf(' ');
    if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      throw new InvalidRequestException(
          Reason.CREDENTIALS_MALFORMED, "the Authorization header must use the Bearer scheme");
    }
    return PrivateKey.tryParse(value.substring(space + 1).strip())
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    Reason.TOKEN_MALFORMED,
                    "the Bearer token must be the private_id: "
                        + PrivateKey.LENGTH_HEX
                        + " hex characters"));
  }
}
