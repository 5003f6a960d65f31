package dev.rendezvous.functions.api;

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
      throw new BearerRejectedException(
          "missing Authorization header: send 'Authorization: Bearer <private_id>'", null);
    }
    String value = authorization.strip();
    int space = value.indexOf(' ');
    if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      throw new BearerRejectedException(
          "the Authorization header must use the Bearer scheme", "invalid_request");
    }
    return PrivateKey.tryParse(value.substring(space + 1).strip())
        .orElseThrow(
            () ->
                new BearerRejectedException(
                    "the Bearer token must be the private_id: "
                        + PrivateKey.LENGTH_HEX
                        + " hex characters",
                    "invalid_token"));
  }
}
