package dev.rendezvous.store.dynamodb;

import static dev.rendezvous.store.dynamodb.ClientTable.*;
import static dev.rendezvous.store.dynamodb.DirectoryItems.b;
import static dev.rendezvous.store.dynamodb.DirectoryItems.key;
import static dev.rendezvous.store.dynamodb.DirectoryItems.n;
import static dev.rendezvous.store.dynamodb.DirectoryItems.s;
import static dev.rendezvous.store.dynamodb.Expressions.ALIVE;
import static dev.rendezvous.store.dynamodb.Expressions.EXPIRED;
import static dev.rendezvous.store.dynamodb.Expressions.SET_EXPIRY;

import dev.rendezvous.core.directory.LanCandidates;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The requests of the HTTP side and the sweep: register, verify, logout, reads, and the sweep's
 * index queries and conditional deletes. Each state change is one conditional write on one item;
 * the conditions carry the timing rules, judged by the client's effective last seen.
 */
final class RegistryRequests {
  private static final ReturnValuesOnConditionCheckFailure OLD_ITEM =
      ReturnValuesOnConditionCheckFailure.ALL_OLD;

  private final String table;
  private final Expressions expressions;

  RegistryRequests(String table, Expressions expressions) {
    this.table = table;
    this.expressions = expressions;
  }

  String table() {
    return table;
  }

  PutItemRequest register(ClientCredentials credentials, RequestToken token, Instant now) {
    PrivateKey key = credentials.privateKey();
    Map<String, AttributeValue> values = new HashMap<>();
    expressions.expiry(values, credentials.clientId(), now);
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(CLIENT_ID, s(credentials.clientId().hex()));
    item.put(KEY_VERIFIER, b(key.verifier().toBytes()));
    item.put(PULSE_MAC_KEY, b(key.pulseMacKey().toBytes()));
    item.put(REGISTERED_AT_MILLIS, n(now.toEpochMilli()));
    item.put(LAST_SEEN_AT_MILLIS, n(now.toEpochMilli()));
    item.put(PULSE_COUNTER, n(0));
    item.put(EXPIRES_AT_EPOCH_SECONDS, values.get(":expires"));
    item.put(SWEEP_PARTITION, values.get(":partition"));
    item.put(WRITE_TOKEN, token.value());
    return PutItemRequest.builder()
        .tableName(table)
        .item(item)
        .conditionExpression("attribute_not_exists(" + CLIENT_ID + ")")
        .returnValuesOnConditionCheckFailure(OLD_ITEM)
        .build();
  }

  /**
   * Revives a client: the verifier must match, the client must not be expired, and no verify within
   * the online window may have revived it already (two racing verifies revive it once).
   */
  UpdateItemRequest verify(PrivateKey key, RequestToken token, Instant now) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(RequestToken.PLACEHOLDER, token.value());
    values.put(":now", n(now.toEpochMilli()));
    values.put(":verifier", b(key.verifier().toBytes()));
    values.put(":onlineSince", n(expressions.rules().liveness().onlineSince(now).toEpochMilli()));
    expressions.alive(values, now);
    expressions.expiry(values, key.clientId(), now);
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(key(key.clientId()))
        .updateExpression(
            "SET "
                + LAST_SEEN_AT_MILLIS
                + " = :now, "
                + SET_EXPIRY
                + ", "
                + WRITE_TOKEN
                + " = "
                + RequestToken.PLACEHOLDER)
        .conditionExpression(
            KEY_VERIFIER
                + " = :verifier AND "
                + ALIVE
                + " AND "
                + LAST_SEEN_AT_MILLIS
                + " < :onlineSince")
        .expressionAttributeValues(values)
        .returnValuesOnConditionCheckFailure(OLD_ITEM)
        .build();
  }

  /**
   * Replaces the client's LAN candidates if the verifier matches and it has not expired.
   * Idempotent, so it needs no request token: a retry of a write that landed writes the same bytes
   * again.
   */
  UpdateItemRequest reportLanCandidates(PrivateKey key, LanCandidates candidates, Instant now) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":verifier", b(key.verifier().toBytes()));
    values.put(":candidates", b(LanCandidateBytes.encode(candidates)));
    expressions.alive(values, now);
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(key(key.clientId()))
        .updateExpression("SET " + LAN_CANDIDATES + " = :candidates")
        .conditionExpression(KEY_VERIFIER + " = :verifier AND " + ALIVE)
        .expressionAttributeValues(values)
        .build();
  }

  /**
   * Logs the client out if the verifier matches and it has not expired: the item is replaced by a
   * tombstone that holds no key material and no address, only this write's token (so an SDK retry
   * of a logout that landed recognizes it, where a delete would leave nothing to tell "I deleted
   * it" from "no such client") and an expiry of now, so the sweep removes it within two buckets.
   * Every reader and writer treats a tombstone as no client.
   */
  PutItemRequest logout(PrivateKey key, RequestToken token, Instant now) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":verifier", b(key.verifier().toBytes()));
    expressions.alive(values, now);
    Map<String, AttributeValue> marks = new HashMap<>();
    expressions.expiry(
        marks, key.clientId(), now.minus(expressions.rules().liveness().timings().lifetime()));
    Map<String, AttributeValue> tombstone = new HashMap<>(key(key.clientId()));
    tombstone.put(WRITE_TOKEN, token.value());
    tombstone.put(EXPIRES_AT_EPOCH_SECONDS, marks.get(":expires"));
    tombstone.put(SWEEP_PARTITION, marks.get(":partition"));
    return PutItemRequest.builder()
        .tableName(table)
        .item(tombstone)
        .conditionExpression(KEY_VERIFIER + " = :verifier AND " + ALIVE)
        .expressionAttributeValues(values)
        .returnValuesOnConditionCheckFailure(OLD_ITEM)
        .build();
  }

  /**
   * Deletes a client only while it is expired by its effective last seen (a racing verify or owner
   * write wins), or a logout's tombstone. The condition also holds once the item is gone, so an SDK
   * retry of a delete that landed succeeds too.
   */
  DeleteItemRequest deleteIfExpired(String clientIdHex, Instant now) {
    Map<String, AttributeValue> values = new HashMap<>();
    expressions.alive(values, now);
    return DeleteItemRequest.builder()
        .tableName(table)
        .key(key(clientIdHex))
        .conditionExpression("attribute_not_exists(" + KEY_VERIFIER + ") OR " + EXPIRED)
        .expressionAttributeValues(values)
        .build();
  }

  GetItemRequest get(ClientId clientId) {
    return get(key(clientId));
  }

  GetItemRequest get(Map<String, AttributeValue> key) {
    return GetItemRequest.builder().tableName(table).key(key).consistentRead(true).build();
  }

  Map<String, AttributeValue> cursorKey() {
    return key(SWEEP_CURSOR_KEY_PREFIX + expressions.buckets().widthSeconds());
  }

  /** Moves the sweep cursor forward only (two sweeps at once can never move it back). */
  UpdateItemRequest advanceCursor(long bucket) {
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(cursorKey())
        .updateExpression("SET " + SWEPT_THROUGH_BUCKET + " = :bucket")
        .conditionExpression(
            "attribute_not_exists("
                + SWEPT_THROUGH_BUCKET
                + ") OR "
                + SWEPT_THROUGH_BUCKET
                + " < :bucket")
        .expressionAttributeValues(Map.of(":bucket", n(bucket)))
        .build();
  }

  QueryRequest sweepPartition(String partition, Map<String, AttributeValue> startKey) {
    QueryRequest.Builder query =
        QueryRequest.builder()
            .tableName(table)
            .indexName(SWEEP_INDEX)
            .keyConditionExpression(SWEEP_PARTITION + " = :partition")
            .expressionAttributeValues(Map.of(":partition", s(partition)))
            .limit(200);
    if (startKey != null && !startKey.isEmpty()) {
      query.exclusiveStartKey(startKey);
    }
    return query.build();
  }
}
