package dev.rendezvous.functions.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/** The JSON bodies of the routes, field for field as in docs/openapi.yaml. */
final class Responses {
  private Responses() {}

  @Serdeable
  record Registered(
      @JsonProperty("client_id") String clientId,
      @JsonProperty("private_id") String privateId,
      BigDecimal timestamp,
      boolean ok) {}

  @Serdeable
  record Verified(@JsonProperty("client_id") String clientId, BigDecimal timestamp, boolean ok) {}

  @Serdeable
  record LoggedOut(@JsonProperty("client_id") String clientId, boolean ok) {}

  @Serdeable
  record PeerUdp(
      @JsonProperty("client_id") String clientId,
      String host,
      int port,
      BigDecimal timestamp,
      boolean ok) {}

  @Serdeable
  record PeerUdpStatus(
      @JsonProperty("client_id") String clientId,
      String status,
      @JsonProperty("last_online") @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable
          BigDecimal lastOnline,
      BigDecimal timestamp,
      boolean ok) {}
}
