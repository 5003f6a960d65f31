package dev.rendezvous.store.dynamodb;

import static dev.rendezvous.store.dynamodb.ClientTable.PULSE_COUNTER;
import static dev.rendezvous.store.dynamodb.DirectoryItems.key;
import static dev.rendezvous.store.dynamodb.DirectoryItems.n;
import static dev.rendezvous.store.dynamodb.DirectoryItems.s;
import static dev.rendezvous.store.dynamodb.Expressions.CLIENT_EXISTS;
import static dev.rendezvous.store.dynamodb.Expressions.COUNTER_ABOVE;
import static dev.rendezvous.store.dynamodb.Expressions.ONLINE_AT;
import static dev.rendezvous.store.dynamodb.Expressions.SET_EXPIRY;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.Owner;
import dev.rendezvous.core.directory.OwnerWrite;
import dev.rendezvous.core.directory.Takeover;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The edge's writes of a client's family: takeover, address move, checkpoint, the PENDING
 * transition, and the counter burn. Owner writes are conditional on the family's owner and epoch,
 * and on no newer write of that owner having landed; a counter of 0 (v1) adds no counter condition
 * and leaves the stored counter alone. Every family write stores its request token and instant in
 * the family's own attributes ({@code v4WriteToken}, {@code v4WrittenAtMillis}).
 */
final class OwnerRequests {
  /** Stored as the previous owner when there was none. */
  static final String NO_OWNER = "-";

  private static final ReturnValuesOnConditionCheckFailure OLD_ITEM =
      ReturnValuesOnConditionCheckFailure.ALL_OLD;

  private final String table;
  private final Expressions expressions;

  OwnerRequests(String table, Expressions expressions) {
    this.table = table;
    this.expressions = expressions;
  }

  /**
   * Takes a family over: the client must be ONLINE at the pulse's receive time and, for v2, the
   * counter above every stored one. The epoch rises by one and the old owner is kept as the
   * previous one; both come back with the answer (UPDATED_NEW). An SDK retry of an attempt that
   * landed is refused by the last clause (its token is there already) and recognized by it.
   */
  UpdateItemRequest takeover(Takeover t, RequestToken token, Instant now) {
    FamilyAttributes f = FamilyAttributes.get(t.family());
    Map<String, AttributeValue> values = stamp(token, now);
    values.put(":task", s(t.task().hex()));
    values.put(":none", s(NO_OWNER));
    values.put(":zero", n(0));
    values.put(":one", n(1));
    values.put(":host", s(t.address().host()));
    values.put(":port", n(t.address().port()));
    values.put(":pulseAt", n(t.lastPulseAt().toEpochMilli()));
    values.put(":until", n(t.onlineUntil().toEpochMilli()));
    expressions.onlineAt(values, t.lastPulseAt());
    vouch(values, t.clientId(), t.lastPulseAt(), t.onlineUntil());
    String update =
        "SET "
            + f.previousOwner()
            + " = if_not_exists("
            + f.owner()
            + ", :none), "
            + f.owner()
            + " = :task, "
            + f.epoch()
            + " = if_not_exists("
            + f.epoch()
            + ", :zero) + :one, "
            + setFamily(f, true);
    String condition =
        CLIENT_EXISTS
            + " AND "
            + ONLINE_AT
            + " AND (attribute_not_exists("
            + f.writeToken()
            + ") OR "
            + f.writeToken()
            + " <> "
            + RequestToken.PLACEHOLDER
            + ")";
    if (t.counter() > 0) {
      values.put(":counter", n(t.counter()));
      update += ", " + f.counter() + " = :counter";
      condition += " AND " + COUNTER_ABOVE;
    }
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(key(t.clientId()))
        .updateExpression(update)
        .conditionExpression(condition)
        .expressionAttributeValues(values)
        .returnValues(ReturnValue.UPDATED_NEW)
        .returnValuesOnConditionCheckFailure(OLD_ITEM)
        .build();
  }

  /** Raises the burned counter of a client to a refused pulse's counter; never lowers it. */
  UpdateItemRequest burn(ClientId clientId, long counter) {
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(key(clientId))
        .updateExpression("SET " + PULSE_COUNTER + " = :counter")
        .conditionExpression(
            CLIENT_EXISTS
                + " AND (attribute_not_exists("
                + PULSE_COUNTER
                + ") OR "
                + PULSE_COUNTER
                + " < :counter)")
        .expressionAttributeValues(Map.of(":counter", n(counter)))
        .build();
  }

  /** An owned family's new source address (for v2, with a counter above every stored one). */
  UpdateItemRequest move(OwnerWrite w, ObservedAddress to, RequestToken token, Instant now) {
    FamilyAttributes f = FamilyAttributes.get(w.family());
    Map<String, AttributeValue> values = ownerValues(w.owner(), token, now);
    values.put(":host", s(to.host()));
    values.put(":port", n(to.port()));
    return ownerUpdate(w, f, values, true, w.counter() > 0);
  }

  /** Renews an owned family's lease, with its exact last pulse and counter. */
  UpdateItemRequest checkpoint(OwnerWrite w, RequestToken token, Instant now) {
    FamilyAttributes f = FamilyAttributes.get(w.family());
    return ownerUpdate(w, f, ownerValues(w.owner(), token, now), false, false);
  }

  /** The PENDING transition: onlineUntil becomes the exact deadline; the TTL is left alone. */
  UpdateItemRequest pending(
      ClientId clientId,
      AddressFamily family,
      Owner owner,
      Instant lastPulseAt,
      RequestToken token,
      Instant now) {
    FamilyAttributes f = FamilyAttributes.get(family);
    Map<String, AttributeValue> values = ownerValues(owner, token, now);
    values.put(":pulseAt", n(lastPulseAt.toEpochMilli()));
    values.put(":until", n(expressions.rules().pendingDeadline(lastPulseAt).toEpochMilli()));
    String update =
        "SET "
            + f.pulseAtMillis()
            + " = :pulseAt, "
            + f.onlineUntilMillis()
            + " = :until, "
            + stamped(f);
    return update(clientId, update, ownerCondition(f), values);
  }

  private UpdateItemRequest ownerUpdate(
      OwnerWrite w,
      FamilyAttributes f,
      Map<String, AttributeValue> values,
      boolean withAddress,
      boolean counterCondition) {
    values.put(":pulseAt", n(w.lastPulseAt().toEpochMilli()));
    values.put(":until", n(w.onlineUntil().toEpochMilli()));
    vouch(values, w.clientId(), w.lastPulseAt(), w.onlineUntil());
    String update = "SET " + setFamily(f, withAddress);
    if (w.counter() > 0) {
      values.put(":counter", n(w.counter()));
      update += ", " + f.counter() + " = :counter";
    }
    String condition = ownerCondition(f) + (counterCondition ? " AND " + COUNTER_ABOVE : "");
    return update(w.clientId(), update, condition, values);
  }

  private UpdateItemRequest update(
      ClientId clientId, String update, String condition, Map<String, AttributeValue> values) {
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(key(clientId))
        .updateExpression(update)
        .conditionExpression(condition)
        .expressionAttributeValues(values)
        .returnValuesOnConditionCheckFailure(OLD_ITEM)
        .build();
  }

  private static Map<String, AttributeValue> ownerValues(
      Owner owner, RequestToken token, Instant now) {
    Map<String, AttributeValue> values = stamp(token, now);
    values.put(":task", s(owner.task().hex()));
    values.put(":epoch", n(owner.epoch()));
    return values;
  }

  /** The write's token and instant, which every family write stores (see {@link #stamped}). */
  private static Map<String, AttributeValue> stamp(RequestToken token, Instant now) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(RequestToken.PLACEHOLDER, token.value());
    values.put(":writtenAt", n(now.toEpochMilli()));
    return values;
  }

  /** Stores the family's write token and write time. */
  private static String stamped(FamilyAttributes f) {
    return f.writeToken()
        + " = "
        + RequestToken.PLACEHOLDER
        + ", "
        + f.writtenAtMillis()
        + " = :writtenAt";
  }

  /**
   * The owner and epoch are the writer's, and no newer write of this owner has landed: an SDK retry
   * of an older write, delayed past a newer one, must never set the family's values back.
   */
  static String ownerCondition(FamilyAttributes f) {
    return Expressions.owned(f)
        + " AND (attribute_not_exists("
        + f.writtenAtMillis()
        + ") OR "
        + f.writtenAtMillis()
        + " <= :writtenAt)";
  }

  private void vouch(
      Map<String, AttributeValue> values, ClientId id, Instant pulseAt, Instant onlineUntil) {
    expressions.expiry(values, id, expressions.rules().vouchedLastSeen(pulseAt, onlineUntil));
  }

  /** The family's pulse time and lease (and address), its stamp, the client's TTL and bucket. */
  private static String setFamily(FamilyAttributes f, boolean withAddress) {
    String address = withAddress ? f.host() + " = :host, " + f.port() + " = :port, " : "";
    return address
        + f.pulseAtMillis()
        + " = :pulseAt, "
        + f.onlineUntilMillis()
        + " = :until, "
        + stamped(f)
        + ", "
        + SET_EXPIRY;
  }
}
