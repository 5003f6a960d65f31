package dev.rendezvous.store.dynamodb;

import static dev.rendezvous.store.dynamodb.ClientItems.b;
import static dev.rendezvous.store.dynamodb.ClientItems.key;
import static dev.rendezvous.store.dynamodb.ClientItems.n;
import static dev.rendezvous.store.dynamodb.ClientItems.s;
import static dev.rendezvous.store.dynamodb.ClientTable.*;

import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.timing.LivenessRules;
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
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Builds every request the store sends. Each state change is one conditional write on one item; the
 * conditions carry the timing rules, so storage itself refuses to resurrect a client.
 *
 * <p>A pulse ({@link #pulse}) is the hot path: one {@code UpdateItem}, no read before it, no scan,
 * no index query. It rewrites {@code sweepPartition} with the same value on all but about one in
 * {@code bucketSeconds / interval} pulses; DynamoDB writes to the KEYS_ONLY sweep index only when
 * that value changes.
 */
final class ClientRequests {
  private static final String SET_ALIVE =
      "SET "
          + WRITE_TOKEN
          + " = "
          + RequestToken.PLACEHOLDER
          + ", "
          + LAST_SEEN_AT_MILLIS
          + " = :now, "
          + EXPIRES_AT_EPOCH_SECONDS
          + " = :expires, "
          + SWEEP_PARTITION
          + " = :partition";
  private static final String SET_PULSE =
      SET_ALIVE
          + ", "
          + LAST_PULSE_AT_MILLIS
          + " = :now, "
          + HOST
          + " = :host, "
          + PORT
          + " = :port";
  private static final String IS_ONLINE = LAST_SEEN_AT_MILLIS + " >= :onlineSince";
  private static final String IS_NEWER =
      "(attribute_not_exists(" + LAST_PULSE_AT_MILLIS + ") OR " + LAST_PULSE_AT_MILLIS + " < :now)";

  private final String table;
  private final LivenessRules rules;
  private final SweepBuckets buckets;

  ClientRequests(DynamoStoreSettings settings, LivenessRules rules) {
    this.table = settings.tableName();
    this.rules = rules;
    this.buckets = new SweepBuckets(settings.sweepBucketSeconds(), settings.sweepShards());
  }

  SweepBuckets buckets() {
    return buckets;
  }

  String table() {
    return table;
  }

  PutItemRequest register(ClientCredentials credentials, RequestToken token, Instant now) {
    PrivateKey key = credentials.privateKey();
    long expires = rules.expiresAtEpochSeconds(now);
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(CLIENT_ID, s(credentials.clientId().hex()));
    item.put(KEY_VERIFIER, b(key.verifier().toBytes()));
    item.put(PULSE_MAC_KEY, b(key.pulseMacKey().toBytes()));
    item.put(REGISTERED_AT_MILLIS, n(now.toEpochMilli()));
    item.put(LAST_SEEN_AT_MILLIS, n(now.toEpochMilli()));
    item.put(PULSE_COUNTER, n(0));
    item.put(EXPIRES_AT_EPOCH_SECONDS, n(expires));
    item.put(SWEEP_PARTITION, s(buckets.partitionFor(credentials.clientId(), expires)));
    item.put(WRITE_TOKEN, token.value());
    return PutItemRequest.builder()
        .tableName(table)
        .item(item)
        .conditionExpression("attribute_not_exists(" + CLIENT_ID + ")")
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
  }

  /**
   * v1 pulse: the stored verifier must match, the client must be ONLINE, and the recorded pulse
   * must be older than this one, so that a write that lands late (a delayed SDK retry carries its
   * first attempt's time) never moves the recorded time or address back. (v2 pulses are ordered by
   * their counters.)
   */
  UpdateItemRequest pulse(PrivateKey key, ObservedAddress source, RequestToken token, Instant now) {
    Map<String, AttributeValue> values = pulseValues(key.clientId(), source, token, now);
    values.put(":verifier", b(key.verifier().toBytes()));
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(key(key.clientId()))
        .updateExpression(SET_PULSE)
        .conditionExpression(KEY_VERIFIER + " = :verifier AND " + IS_ONLINE + " AND " + IS_NEWER)
        .expressionAttributeValues(values)
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
  }

  /**
   * v2 pulse (MAC already checked): the client must exist, be ONLINE, and the counter must rise.
   */
  UpdateItemRequest authenticatedPulse(
      ClientId clientId, long counter, ObservedAddress source, RequestToken token, Instant now) {
    Map<String, AttributeValue> values = pulseValues(clientId, source, token, now);
    values.put(":counter", n(counter));
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(key(clientId))
        .updateExpression(SET_PULSE + ", " + PULSE_COUNTER + " = :counter")
        .conditionExpression(
            "attribute_exists("
                + KEY_VERIFIER
                + ") AND "
                + PULSE_COUNTER
                + " < :counter AND "
                + IS_ONLINE)
        .expressionAttributeValues(values)
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
  }

  /**
   * Raises the stored counter of a PENDING client to a pulse's counter without reviving it, so that
   * an authentic pulse answered 1050 cannot be replayed after the client verifies.
   */
  UpdateItemRequest burnCounter(ClientId clientId, long counter) {
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(key(clientId))
        .updateExpression("SET " + PULSE_COUNTER + " = :counter")
        .conditionExpression(
            "attribute_exists(" + KEY_VERIFIER + ") AND " + PULSE_COUNTER + " < :counter")
        .expressionAttributeValues(Map.of(":counter", n(counter)))
        .build();
  }

  /** Revives a PENDING client: the verifier must match and the client must be PENDING. */
  UpdateItemRequest verify(PrivateKey key, RequestToken token, Instant now) {
    Map<String, AttributeValue> values = alive(key.clientId(), token, now);
    values.put(":verifier", b(key.verifier().toBytes()));
    values.put(":onlineSince", n(rules.onlineSince(now).toEpochMilli()));
    values.put(":aliveSince", n(rules.aliveSince(now).toEpochMilli()));
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(key(key.clientId()))
        .updateExpression(SET_ALIVE)
        .conditionExpression(
            KEY_VERIFIER
                + " = :verifier AND "
                + LAST_SEEN_AT_MILLIS
                + " < :onlineSince AND "
                + LAST_SEEN_AT_MILLIS
                + " >= :aliveSince")
        .expressionAttributeValues(values)
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
  }

  /**
   * Logs the client out if the verifier matches and it has not expired, by replacing its item with
   * a tombstone: no key material and no address, only the write's token (so that an SDK retry of
   * this write can tell it landed), a TTL of now and a sweep partition that the expiry sweep
   * deletes within one bucket. Readers see no client; a pulse or verify finds no verifier.
   */
  PutItemRequest logout(PrivateKey key, RequestToken token, Instant now) {
    long expires = now.getEpochSecond();
    return PutItemRequest.builder()
        .tableName(table)
        .item(
            Map.of(
                CLIENT_ID, s(key.clientId().hex()),
                WRITE_TOKEN, token.value(),
                EXPIRES_AT_EPOCH_SECONDS, n(expires),
                SWEEP_PARTITION, s(buckets.partitionFor(key.clientId(), expires))))
        .conditionExpression(
            KEY_VERIFIER + " = :verifier AND " + LAST_SEEN_AT_MILLIS + " >= :aliveSince")
        .expressionAttributeValues(
            Map.of(
                ":verifier", b(key.verifier().toBytes()),
                ":aliveSince", n(rules.aliveSince(now).toEpochMilli())))
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
  }

  /**
   * Deletes a client only if it is still expired (a racing pulse or verify wins), or a logout's
   * tombstone. The condition also holds for an item that is already gone, so an SDK retry of a
   * delete that landed succeeds again.
   */
  DeleteItemRequest deleteIfExpired(String clientIdHex, Instant now) {
    return DeleteItemRequest.builder()
        .tableName(table)
        .key(Map.of(CLIENT_ID, s(clientIdHex)))
        .conditionExpression(
            "attribute_not_exists("
                + KEY_VERIFIER
                + ") OR "
                + LAST_SEEN_AT_MILLIS
                + " < :aliveSince")
        .expressionAttributeValues(Map.of(":aliveSince", n(rules.aliveSince(now).toEpochMilli())))
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
  }

  GetItemRequest get(String clientIdHex) {
    return GetItemRequest.builder()
        .tableName(table)
        .key(Map.of(CLIENT_ID, s(clientIdHex)))
        .consistentRead(true)
        .build();
  }

  GetItemRequest get(ClientId clientId) {
    return get(clientId.hex());
  }

  GetItemRequest getCursor() {
    return GetItemRequest.builder()
        .tableName(table)
        .key(Map.of(CLIENT_ID, s(SWEEP_CURSOR_KEY)))
        .consistentRead(true)
        .build();
  }

  /** Moves the sweep cursor forward only (two sweeps at once can never move it back). */
  UpdateItemRequest advanceCursor(long bucket) {
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(Map.of(CLIENT_ID, s(SWEEP_CURSOR_KEY)))
        .updateExpression("SET " + SWEPT_THROUGH_BUCKET + " = :bucket")
        .conditionExpression(
            "attribute_not_exists("
                + SWEPT_THROUGH_BUCKET
                + ") OR "
                + SWEPT_THROUGH_BUCKET
                + " < :bucket")
        .expressionAttributeValues(Map.of(":bucket", n(bucket)))
        .returnValues(ReturnValue.NONE)
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

  private Map<String, AttributeValue> pulseValues(
      ClientId clientId, ObservedAddress source, RequestToken token, Instant now) {
    Map<String, AttributeValue> values = alive(clientId, token, now);
    values.put(":host", s(source.host()));
    values.put(":port", n(source.port()));
    values.put(":onlineSince", n(rules.onlineSince(now).toEpochMilli()));
    return values;
  }

  /** Values for SET_ALIVE: the token, now, the TTL and the sweep partition that go with it. */
  private Map<String, AttributeValue> alive(ClientId clientId, RequestToken token, Instant now) {
    long expires = rules.expiresAtEpochSeconds(now);
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(RequestToken.PLACEHOLDER, token.value());
    values.put(":now", n(now.toEpochMilli()));
    values.put(":expires", n(expires));
    values.put(":partition", s(buckets.partitionFor(clientId, expires)));
    return values;
  }
}
