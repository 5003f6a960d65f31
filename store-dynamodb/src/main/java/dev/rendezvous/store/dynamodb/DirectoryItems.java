package dev.rendezvous.store.dynamodb;

import static dev.rendezvous.store.dynamodb.ClientTable.*;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.FamilyEntry;
import dev.rendezvous.core.directory.InternalSecret;
import dev.rendezvous.core.directory.LanCandidates;
import dev.rendezvous.core.directory.Owner;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.core.directory.TaskState;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.KeyVerifier;
import dev.rendezvous.protocol.identity.PulseMacKey;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads items back into directory values, and the attribute-value helpers every request uses. Items
 * of the per-pulse layout ({@code host}, {@code port}, {@code lastPulseAtMillis} at the top level,
 * written before owners existed) still read: as a family without an owner, the family of their
 * host, ONLINE until one window after that pulse (their {@code lastSeenAtMillis} already carries
 * it).
 */
final class DirectoryItems {
  private final LivenessRules rules;

  DirectoryItems(LivenessRules rules) {
    this.rules = rules;
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  static AttributeValue b(byte[] value) {
    return AttributeValue.fromB(SdkBytes.fromByteArray(value));
  }

  static Map<String, AttributeValue> key(String key) {
    return Map.of(CLIENT_ID, s(key));
  }

  static Map<String, AttributeValue> key(ClientId clientId) {
    return key(clientId.hex());
  }

  static Map<String, AttributeValue> key(TaskId task) {
    return key(TASK_KEY_PREFIX + task.hex());
  }

  static long number(Map<String, AttributeValue> item, String name) {
    return Long.parseLong(item.get(name).n());
  }

  static Optional<Long> optionalNumber(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item == null ? null : item.get(name);
    return value == null || value.n() == null
        ? Optional.empty()
        : Optional.of(Long.parseLong(value.n()));
  }

  /** Empty for an item that is not a client (a task, the secret, the sweep cursor) or none. */
  Optional<DirectoryEntry> toEntry(Map<String, AttributeValue> item) {
    if (item == null || item.isEmpty() || !item.containsKey(KEY_VERIFIER)) {
      return Optional.empty();
    }
    Map<AddressFamily, FamilyEntry> families = new EnumMap<>(AddressFamily.class);
    for (AddressFamily family : AddressFamily.values()) {
      family(item, FamilyAttributes.get(family)).ifPresent(f -> families.put(family, f));
    }
    long counter = optionalNumber(item, PULSE_COUNTER).orElse(0L);
    legacyFamily(item, counter).ifPresent(f -> families.putIfAbsent(f.family(), f));
    return Optional.of(
        new DirectoryEntry(
            ClientId.parse(item.get(CLIENT_ID).s()),
            KeyVerifier.fromStoredBytes(item.get(KEY_VERIFIER).b().asByteArray()),
            PulseMacKey.fromStoredBytes(item.get(PULSE_MAC_KEY).b().asByteArray()),
            Instant.ofEpochMilli(number(item, REGISTERED_AT_MILLIS)),
            Instant.ofEpochMilli(number(item, LAST_SEEN_AT_MILLIS)),
            counter,
            families,
            Optional.ofNullable(item.get(LAN_CANDIDATES))
                .filter(v -> v.b() != null)
                .map(v -> LanCandidateBytes.decode(v.b().asByteArray()))
                .orElse(LanCandidates.NONE)));
  }

  private static Optional<FamilyEntry> family(
      Map<String, AttributeValue> item, FamilyAttributes names) {
    if (!item.containsKey(names.onlineUntilMillis()) || !item.containsKey(names.host())) {
      return Optional.empty();
    }
    return Optional.of(
        new FamilyEntry(
            names.family(),
            owner(item, names.owner(), names.epoch()),
            new ObservedAddress(item.get(names.host()).s(), (int) number(item, names.port())),
            Instant.ofEpochMilli(number(item, names.pulseAtMillis())),
            Instant.ofEpochMilli(number(item, names.onlineUntilMillis())),
            optionalNumber(item, names.counter()).orElse(0L)));
  }

  private Optional<FamilyEntry> legacyFamily(Map<String, AttributeValue> item, long counter) {
    if (!item.containsKey(LEGACY_HOST)
        || !item.containsKey(LEGACY_PORT)
        || !item.containsKey(LEGACY_LAST_PULSE_AT_MILLIS)) {
      return Optional.empty();
    }
    ObservedAddress address =
        new ObservedAddress(item.get(LEGACY_HOST).s(), (int) number(item, LEGACY_PORT));
    Instant pulse = Instant.ofEpochMilli(number(item, LEGACY_LAST_PULSE_AT_MILLIS));
    return Optional.of(
        new FamilyEntry(
            AddressFamily.of(address),
            Optional.empty(),
            address,
            pulse,
            pulse.plus(rules.timings().onlineWindow()),
            counter));
  }

  /** The owner named by a task-id attribute and an epoch attribute, if both are there. */
  static Optional<Owner> owner(Map<String, AttributeValue> item, String task, String epoch) {
    AttributeValue id = item == null ? null : item.get(task);
    Optional<Long> number = optionalNumber(item, epoch);
    if (id == null || id.s() == null || number.isEmpty() || number.get() < 1) {
      return Optional.empty();
    }
    return taskId(id.s()).map(t -> new Owner(t, number.get()));
  }

  private static Optional<TaskId> taskId(String hex) {
    try {
      return Optional.of(new TaskId(hex));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // "-": no previous owner
    }
  }

  static Optional<TaskRecord> toTask(Map<String, AttributeValue> item) {
    if (item == null || !item.containsKey(HEARTBEAT_AT_MILLIS)) {
      return Optional.empty();
    }
    return Optional.of(
        new TaskRecord(
            new TaskId(item.get(CLIENT_ID).s().substring(TASK_KEY_PREFIX.length())),
            item.get(INTERNAL_HOST).s(),
            (int) number(item, INTERNAL_PORT),
            Instant.ofEpochMilli(number(item, STARTED_AT_MILLIS)),
            Instant.ofEpochMilli(number(item, HEARTBEAT_AT_MILLIS)),
            TaskState.valueOf(item.get(TASK_STATE).s().toUpperCase(Locale.ROOT)),
            item.get(ECS_TASK_ID).s()));
  }

  static Optional<InternalSecret> toSecret(Map<String, AttributeValue> item) {
    if (item == null || !item.containsKey(SECRET)) {
      return Optional.empty();
    }
    return Optional.of(new InternalSecret(item.get(SECRET).b().asByteArray()));
  }
}
