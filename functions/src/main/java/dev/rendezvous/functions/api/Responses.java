package dev.rendezvous.functions.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rendezvous.core.call.CallPolicy;
import dev.rendezvous.protocol.identity.ClientId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

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
      List<CandidateJson> candidates,
      BigDecimal timestamp,
      boolean ok) {}

  /** One way to reach a peer; {@code kind} is {@code lan}, {@code ipv6} or {@code mapping}. */
  @Serdeable
  record CandidateJson(int family, String host, int port, String kind) {}

  @Serdeable
  record CandidatesStored(
      @JsonProperty("client_id") String clientId,
      List<CandidateJson> candidates,
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

  @Serdeable
  record Call(
      @JsonProperty("call_id") String callId,
      @JsonProperty("client_id") String clientId,
      String host,
      int port,
      @JsonProperty("pair_key") String pairKey,
      @JsonProperty("expires_at") BigDecimal expiresAt,
      BigDecimal timestamp,
      boolean ok) {}

  @Serdeable
  record IncomingCall(
      @JsonProperty("call_id") String callId,
      String caller,
      String host,
      int port,
      @JsonProperty("pair_key") String pairKey,
      @JsonProperty("expires_at") BigDecimal expiresAt,
      BigDecimal timestamp,
      boolean ok) {}

  @Serdeable
  record Policy(
      @JsonProperty("client_id") String clientId, String accept, List<String> allowed, boolean ok) {
    static Policy of(ClientId client, CallPolicy policy) {
      return new Policy(
          client.hex(),
          policy.mode().name().toLowerCase(Locale.ROOT),
          policy.allowed().stream().map(ClientId::hex).toList(),
          true);
    }
  }
}
