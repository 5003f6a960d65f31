package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.ClientIdCollisionException;
import dev.rendezvous.core.UnknownClientException;
import dev.rendezvous.core.registry.ClientSnapshot;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.registry.PulseOutcome;
import dev.rendezvous.core.registry.VerifyOutcome;
import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every state change of a client as a {@link ConditionalWrite}: the request ({@link
 * ClientRequests}) with what it means when it lands and why it was refused ({@link OutcomeRules}).
 * Both adapters run these through their {@link ConditionalWriter}.
 */
final class ClientWrites {
  private final ClientRequests requests;
  private final OutcomeRules outcomes;

  ClientWrites(ClientRequests requests, OutcomeRules outcomes) {
    this.requests = requests;
    this.outcomes = outcomes;
  }

  /** Stores a new client; the registration time, or {@link ClientIdCollisionException}. */
  ConditionalWrite<Instant> register(ClientCredentials credentials) {
    return ConditionalWrite.of(
        (token, now) -> requests.register(credentials, token, now),
        requests.get(credentials.clientId()),
        now -> now,
        (item, now) -> {
          throw new ClientIdCollisionException("client_id " + credentials.clientId() + " is taken");
        });
  }

  ConditionalWrite<VerifyOutcome> verify(PrivateKey key) {
    return ConditionalWrite.of(
        (token, now) -> requests.verify(key, token, now),
        requests.get(key.clientId()),
        now -> VerifyOutcome.REVIVED,
        (item, now) -> {
          ClientSnapshot client =
              snapshot(item)
                  .filter(c -> c.keyVerifier().matches(key))
                  .orElseThrow(ClientWrites::unknownKey);
          Liveness liveness = outcomes.liveness(client, now);
          if (liveness == Liveness.EXPIRED) {
            throw unknownKey();
          }
          // PENDING: the item changed between the write and the read; try again.
          return liveness == Liveness.ONLINE
              ? Optional.of(VerifyOutcome.ALREADY_ONLINE)
              : Optional.empty();
        });
  }

  /** Logs out (a tombstone, see {@link ClientRequests#logout}); the instant it took effect. */
  ConditionalWrite<Instant> logout(PrivateKey key) {
    return ConditionalWrite.of(
        (token, now) -> requests.logout(key, token, now),
        requests.get(key.clientId()),
        now -> now,
        (item, now) -> {
          throw unknownKey();
        });
  }

  ConditionalWrite<PulseOutcome> pulse(PrivateKey key, ObservedAddress source) {
    return ConditionalWrite.of(
        (token, now) -> requests.pulse(key, source, token, now),
        requests.get(key.clientId()),
        now -> PulseOutcome.ACCEPTED,
        (item, now) -> outcomes.explainV1(snapshot(item), key.verifier(), now));
  }

  ConditionalWrite<PulseOutcome> authenticatedPulse(
      ClientId clientId, long counter, ObservedAddress source) {
    return ConditionalWrite.of(
        (token, now) -> requests.authenticatedPulse(clientId, counter, source, token, now),
        requests.get(clientId),
        now -> PulseOutcome.ACCEPTED,
        (item, now) -> outcomes.explainV2(snapshot(item), counter, now));
  }

  /** Deletes an expired client or a tombstone: true if deleted, false if it came back to life. */
  ConditionalWrite<Boolean> deleteIfExpired(String clientIdHex) {
    return ConditionalWrite.of(
        (token, now) -> requests.deleteIfExpired(clientIdHex, now),
        requests.get(clientIdHex),
        now -> true,
        (item, now) -> Optional.of(false));
  }

  private static Optional<ClientSnapshot> snapshot(Optional<Map<String, AttributeValue>> item) {
    return item.flatMap(ClientItems::toSnapshot);
  }

  private static UnknownClientException unknownKey() {
    return new UnknownClientException("unknown or expired key");
  }
}
