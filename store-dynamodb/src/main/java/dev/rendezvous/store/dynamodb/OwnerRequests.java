package dev.rendezvous.store.dynamodb;

import static dev.rendezvous.store.dynamodb.ClientTable.*;
import static dev.rendezvous.store.dynamodb.DirectoryItems.b;
import static dev.rendezvous.store.dynamodb.DirectoryItems.key;
import static dev.rendezvous.store.dynamodb.DirectoryItems.n;
import static dev.rendezvous.store.dynamodb.DirectoryItems.s;
import static dev.rendezvous.store.dynamodb.Expressions.CLIENT_EXISTS;
import static dev.rendezvous.store.dynamodb.Expressions.COUNTER_ABOVE;
import static dev.rendezvous.store.dynamodb.Expressions.ONLINE_AT;
import static dev.rendezvous.store.dynamodb.Expressions.SET_EXPIRY;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.InternalSecret;
import dev.rendezvous.core.directory.Owner;
import dev.rendezvous.core.directory.OwnerWrite;
import dev.rendezvous.core.directory.Takeover;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The requests of the edge: takeover, address move, checkpoint, the PENDING transition, the counter
 * burn, the heartbeat and the internal secret. Owner writes are conditional on the family's owner
 * and epoch; a counter of 0 (v1) adds no counter condition and leaves the stored counter alone.
 */
final class OwnerRequests {
  /** How long a task item outlives its last heartbeat before TTL may remove it. */
  static final Duration TASK_ITEM_LIFETIME = Duration.ofHours(1);

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
   * counter above every stored one. The epoch rises by one; the old owner is kept as the previous
   * one, and returned (UPDATED_OLD). A retry of a write that landed is refused by the last clause
   * (the same task and lease are already there) and recognized from the item.
   */
  UpdateItemRequest takeover(Takeover t) {
    FamilyAttributes f = FamilyAttributes.get(t.family());
    Map<String, AttributeValue> values = new HashMap<>();
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
    StringBuilder update =
        new StringBuilder("SET ")
            .append(f.previousOwner())
            .append(" = if_not_exists(")
            .append(f.owner())
            .append(", :none), ")
            .append(f.owner())
            .append(" = :task, ")
            .append(f.epoch())
            .append(" = if_not_exists(")
            .append(f.epoch())
            .append(", :zero) + :one, ")
            .append(setFamily(f, true));
    String condition =
        CLIENT_EXISTS
            + " AND "
            + ONLINE_AT
            + " AND NOT ("
            + f.owner()
            + " = :task AND "
            + f.onlineUntilMillis()
            + " = :until)";
    if (t.counter() > 0) {
      values.put(":counter", n(t.counter()));
      update.append(", ").append(f.counter()).append(" = :counter");
      condition += " AND " + COUNTER_ABOVE;
    }
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(key(t.clientId()))
        .updateExpression(update.toString())
        .conditionExpression(condition)
        .expressionAttributeValues(values)
        .returnValues(ReturnValue.UPDATED_OLD)
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
  UpdateItemRequest move(OwnerWrite w, ObservedAddress to) {
    FamilyAttributes f = FamilyAttributes.get(w.family());
    Map<String, AttributeValue> values = ownerValues(w.owner());
    values.put(":host", s(to.host()));
    values.put(":port", n(to.port()));
    return ownerUpdate(w, f, values, setFamily(f, true), w.counter() > 0);
  }

  /** Renews an owned family's lease, with its exact last pulse and counter. */
  UpdateItemRequest checkpoint(OwnerWrite w) {
    FamilyAttributes f = FamilyAttributes.get(w.family());
    return ownerUpdate(w, f, ownerValues(w.owner()), setFamily(f, false), false);
  }

  /** The PENDING transition: onlineUntil becomes the exact deadline; the TTL is left alone. */
  UpdateItemRequest pending(
      ClientId clientId, AddressFamily family, Owner owner, Instant lastPulseAt) {
    FamilyAttributes f = FamilyAttributes.get(family);
    Map<String, AttributeValue> values = ownerValues(owner);
    values.put(":pulseAt", n(lastPulseAt.toEpochMilli()));
    values.put(":until", n(expressions.rules().pendingDeadline(lastPulseAt).toEpochMilli()));
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(key(clientId))
        .updateExpression(
            "SET " + f.pulseAtMillis() + " = :pulseAt, " + f.onlineUntilMillis() + " = :until")
        .conditionExpression(Expressions.owned(f))
        .expressionAttributeValues(values)
        .returnValuesOnConditionCheckFailure(OLD_ITEM)
        .build();
  }

  PutItemRequest heartbeat(TaskRecord task) {
    Map<String, AttributeValue> item = new HashMap<>(key(task.task()));
    item.put(INTERNAL_HOST, s(task.internalHost()));
    item.put(INTERNAL_PORT, n(task.internalPort()));
    item.put(STARTED_AT_MILLIS, n(task.startedAt().toEpochMilli()));
    item.put(HEARTBEAT_AT_MILLIS, n(task.heartbeatAt().toEpochMilli()));
    item.put(TASK_STATE, s(task.state().name().toLowerCase(Locale.ROOT)));
    item.put(ECS_TASK_ID, s(task.label()));
    item.put(
        EXPIRES_AT_EPOCH_SECONDS, n(task.heartbeatAt().plus(TASK_ITEM_LIFETIME).getEpochSecond()));
    return PutItemRequest.builder().tableName(table).item(item).build();
  }

  /** Creates the secret item unless someone already did. */
  PutItemRequest createSecret(InternalSecret secret, Instant now) {
    Map<String, AttributeValue> item = new HashMap<>(key(INTERNAL_SECRET_KEY));
    item.put(SECRET, b(secret.toBytes()));
    item.put(CREATED_AT_MILLIS, n(now.toEpochMilli()));
    return PutItemRequest.builder()
        .tableName(table)
        .item(item)
        .conditionExpression("attribute_not_exists(" + CLIENT_ID + ")")
        .build();
  }

  private UpdateItemRequest ownerUpdate(
      OwnerWrite w,
      FamilyAttributes f,
      Map<String, AttributeValue> values,
      String setFamily,
      boolean counterCondition) {
    values.put(":pulseAt", n(w.lastPulseAt().toEpochMilli()));
    values.put(":until", n(w.onlineUntil().toEpochMilli()));
    vouch(values, w.clientId(), w.lastPulseAt(), w.onlineUntil());
    String update = "SET " + setFamily;
    if (w.counter() > 0) {
      values.put(":counter", n(w.counter()));
      update += ", " + f.counter() + " = :counter";
    }
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(key(w.clientId()))
        .updateExpression(update)
        .conditionExpression(
            Expressions.owned(f) + (counterCondition ? " AND " + COUNTER_ABOVE : ""))
        .expressionAttributeValues(values)
        .returnValuesOnConditionCheckFailure(OLD_ITEM)
        .build();
  }

  private static Map<String, AttributeValue> ownerValues(Owner owner) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":task", s(owner.task().hex()));
    values.put(":epoch", n(owner.epoch()));
    return values;
  }

  private void vouch(
      Map<String, AttributeValue> values, ClientId id, Instant pulseAt, Instant onlineUntil) {
    expressions.expiry(values, id, expressions.rules().vouchedLastSeen(pulseAt, onlineUntil));
  }

  /** The family's pulse time and lease (and address), and the client's TTL and sweep bucket. */
  private static String setFamily(FamilyAttributes f, boolean withAddress) {
    String address = withAddress ? f.host() + " = :host, " + f.port() + " = :port, " : "";
    return address
        + f.pulseAtMillis()
        + " = :pulseAt, "
        + f.onlineUntilMillis()
        + " = :until, "
        + SET_EXPIRY;
  }
}
