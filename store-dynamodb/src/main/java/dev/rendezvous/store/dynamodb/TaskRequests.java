package dev.rendezvous.store.dynamodb;

import static dev.rendezvous.store.dynamodb.ClientTable.*;
import static dev.rendezvous.store.dynamodb.DirectoryItems.b;
import static dev.rendezvous.store.dynamodb.DirectoryItems.key;
import static dev.rendezvous.store.dynamodb.DirectoryItems.n;
import static dev.rendezvous.store.dynamodb.DirectoryItems.s;

import dev.rendezvous.core.directory.InternalSecret;
import dev.rendezvous.core.directory.TaskRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** The writes of the items that are not clients: a task's heartbeat and the internal secret. */
final class TaskRequests {
  /** How long a task item outlives its last heartbeat before TTL may remove it. */
  static final Duration TASK_ITEM_LIFETIME = Duration.ofHours(1);

  private final String table;

  TaskRequests(String table) {
    this.table = table;
  }

  /** The task's heartbeat: a plain put of its own item (only the task writes it). */
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

  /** Creates the secret item unless someone already did (a retry then simply reads it). */
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
}
