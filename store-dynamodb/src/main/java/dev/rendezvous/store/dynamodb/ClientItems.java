package dev.rendezvous.store.dynamodb;

import static dev.rendezvous.store.dynamodb.ClientTable.*;

import dev.rendezvous.core.registry.ClientSnapshot;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.KeyVerifier;
import dev.rendezvous.protocol.identity.PulseMacKey;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads a stored item back into a {@link ClientSnapshot}; the attribute names are in {@link
 * ClientTable}.
 */
final class ClientItems {
  private ClientItems() {}

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  static AttributeValue b(byte[] value) {
    return AttributeValue.fromB(SdkBytes.fromByteArray(value));
  }

  static Map<String, AttributeValue> key(ClientId clientId) {
    return Map.of(CLIENT_ID, s(clientId.hex()));
  }

  /** Empty for an item that is not a client (the sweep cursor) or is missing fields. */
  static Optional<ClientSnapshot> toSnapshot(Map<String, AttributeValue> item) {
    if (item == null || item.isEmpty() || !item.containsKey(KEY_VERIFIER)) {
      return Optional.empty();
    }
    Optional<ObservedAddress> address =
        item.containsKey(HOST) && item.containsKey(PORT)
            ? Optional.of(new ObservedAddress(item.get(HOST).s(), (int) number(item, PORT)))
            : Optional.empty();
    Optional<Instant> lastPulse =
        item.containsKey(LAST_PULSE_AT_MILLIS)
            ? Optional.of(Instant.ofEpochMilli(number(item, LAST_PULSE_AT_MILLIS)))
            : Optional.empty();
    return Optional.of(
        new ClientSnapshot(
            ClientId.parse(item.get(CLIENT_ID).s()),
            KeyVerifier.fromStoredBytes(item.get(KEY_VERIFIER).b().asByteArray()),
            PulseMacKey.fromStoredBytes(item.get(PULSE_MAC_KEY).b().asByteArray()),
            Instant.ofEpochMilli(number(item, REGISTERED_AT_MILLIS)),
            Instant.ofEpochMilli(number(item, LAST_SEEN_AT_MILLIS)),
            lastPulse,
            address,
            item.containsKey(PULSE_COUNTER) ? number(item, PULSE_COUNTER) : 0));
  }

  static long number(Map<String, AttributeValue> item, String name) {
    return Long.parseLong(item.get(name).n());
  }
}
