package dev.rendezvous.store.dynamodb;

import static dev.rendezvous.store.dynamodb.ClientTable.*;
import static dev.rendezvous.store.dynamodb.DirectoryItems.n;
import static dev.rendezvous.store.dynamodb.DirectoryItems.s;

import dev.rendezvous.core.directory.DirectoryRules;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The condition and update fragments the directory's writes share, with the values they need. The
 * effective last seen {@code E = max(lastSeenAt, max over families(onlineUntil) - window)} cannot
 * be computed in an expression, but every comparison with it can: {@code E >= t - w} is {@code
 * lastSeenAt >= t - w OR v4OnlineUntil >= t OR v6OnlineUntil >= t} (a comparison with a missing
 * attribute is false). {@code DirectoryEntry.isOnlineAt} is the same formula, property-tested
 * against the entry's liveness.
 */
final class Expressions {
  static final String CLIENT_EXISTS = "attribute_exists(" + KEY_VERIFIER + ")";

  /** ONLINE at {@code :at} (values from {@link #onlineAt}). */
  static final String ONLINE_AT =
      "("
          + LAST_SEEN_AT_MILLIS
          + " >= :seenSince OR "
          + FamilyAttributes.V4.onlineUntilMillis()
          + " >= :at OR "
          + FamilyAttributes.V6.onlineUntilMillis()
          + " >= :at)";

  /** Not expired at now (values from {@link #alive}). */
  static final String ALIVE =
      "("
          + LAST_SEEN_AT_MILLIS
          + " >= :aliveSince OR "
          + FamilyAttributes.V4.onlineUntilMillis()
          + " >= :aliveUntil OR "
          + FamilyAttributes.V6.onlineUntilMillis()
          + " >= :aliveUntil)";

  /** Expired at now: the negation of {@link #ALIVE}, with missing leases counted as expired. */
  static final String EXPIRED =
      "("
          + LAST_SEEN_AT_MILLIS
          + " < :aliveSince AND "
          + absentOrBelow(FamilyAttributes.V4.onlineUntilMillis(), ":aliveUntil")
          + " AND "
          + absentOrBelow(FamilyAttributes.V6.onlineUntilMillis(), ":aliveUntil")
          + ")";

  /** {@code :counter} above every counter the client has (both families and the burned one). */
  static final String COUNTER_ABOVE =
      "("
          + absentOrBelow(PULSE_COUNTER, ":counter")
          + " AND "
          + absentOrBelow(FamilyAttributes.V4.counter(), ":counter")
          + " AND "
          + absentOrBelow(FamilyAttributes.V6.counter(), ":counter")
          + ")";

  /** Sets the TTL and the sweep partition (values from {@link #expiry}). */
  static final String SET_EXPIRY =
      EXPIRES_AT_EPOCH_SECONDS + " = :expires, " + SWEEP_PARTITION + " = :partition";

  private final LivenessRules rules;
  private final DirectoryRules directoryRules;
  private final SweepBuckets buckets;

  Expressions(LivenessRules rules, SweepBuckets buckets) {
    this.rules = rules;
    this.directoryRules = new DirectoryRules(rules);
    this.buckets = buckets;
  }

  static String owned(FamilyAttributes f) {
    return f.owner() + " = :task AND " + f.epoch() + " = :epoch";
  }

  private static String absentOrBelow(String attribute, String value) {
    return "(attribute_not_exists(" + attribute + ") OR " + attribute + " < " + value + ")";
  }

  SweepBuckets buckets() {
    return buckets;
  }

  DirectoryRules rules() {
    return directoryRules;
  }

  /** Values for {@link #ONLINE_AT}. */
  void onlineAt(Map<String, AttributeValue> values, Instant at) {
    values.put(":seenSince", n(rules.onlineSince(at).toEpochMilli()));
    values.put(":at", n(at.toEpochMilli()));
  }

  /** Values for {@link #ALIVE} and {@link #EXPIRED}. */
  void alive(Map<String, AttributeValue> values, Instant now) {
    Instant aliveSince = rules.aliveSince(now);
    values.put(":aliveSince", n(aliveSince.toEpochMilli()));
    values.put(":aliveUntil", n(aliveSince.plus(rules.timings().onlineWindow()).toEpochMilli()));
  }

  /** Values for {@link #SET_EXPIRY}: from the effective last seen the write vouches for. */
  void expiry(Map<String, AttributeValue> values, ClientId clientId, Instant vouchedLastSeen) {
    long expires = rules.expiresAtEpochSeconds(vouchedLastSeen);
    values.put(":expires", n(expires));
    values.put(":partition", s(buckets.partitionFor(clientId, expires)));
  }
}
