package dev.rendezvous.store.dynamodb;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The one place that defines the directory table: keys, the sweep index, the TTL attribute and the
 * item attribute names. The local run and the tests create the table from {@link
 * #createTableRequest(String)}; the CDK stack declares the same and a test holds them equal.
 *
 * <pre>
 * Table (on-demand)      partition key  clientId (S)      32 hex chars; or "~task#&lt;task id&gt;",
 *                                                         "~internal-secret", "~sweep-cursor@&lt;s&gt;"
 * Index "sweep-index"    partition key  sweepPartition (S) "&lt;bucket&gt;.&lt;shard&gt;", KEYS_ONLY
 * TTL attribute          expiresAtEpochSeconds (N)
 * </pre>
 *
 * store-dynamodb/README.md describes every attribute and every write.
 */
public final class ClientTable {
  public static final String CLIENT_ID = "clientId";
  public static final String KEY_VERIFIER = "keyVerifier";
  public static final String PULSE_MAC_KEY = "pulseMacKey";
  public static final String REGISTERED_AT_MILLIS = "registeredAtMillis";
  public static final String LAST_SEEN_AT_MILLIS = "lastSeenAtMillis";

  /**
   * The highest v2 counter burned by a pulse refused as PENDING (the last accepted, in items of the
   * per-pulse layout).
   */
  public static final String PULSE_COUNTER = "pulseCounter";

  /** The client's reported LAN addresses, compact ({@link LanCandidateBytes}); absent if none. */
  public static final String LAN_CANDIDATES = "lanCandidates";

  public static final String EXPIRES_AT_EPOCH_SECONDS = "expiresAtEpochSeconds";
  public static final String SWEEP_PARTITION = "sweepPartition";

  /** The per-pulse layout's address attributes, still read (as the family of their host). */
  public static final String LEGACY_HOST = "host";

  public static final String LEGACY_PORT = "port";
  public static final String LEGACY_LAST_PULSE_AT_MILLIS = "lastPulseAtMillis";

  public static final String TASK_KEY_PREFIX = "~task#";
  public static final String INTERNAL_HOST = "internalHost";
  public static final String INTERNAL_PORT = "internalPort";
  public static final String STARTED_AT_MILLIS = "startedAtMillis";
  public static final String HEARTBEAT_AT_MILLIS = "heartbeatAtMillis";
  public static final String TASK_STATE = "state";
  public static final String ECS_TASK_ID = "ecsTaskId";

  public static final String INTERNAL_SECRET_KEY = "~internal-secret";
  public static final String SECRET = "secret";
  public static final String CREATED_AT_MILLIS = "createdAtMillis";

  /** The sweep's bookkeeping item is keyed by its bucket width: a change of width starts anew. */
  public static final String SWEEP_CURSOR_KEY_PREFIX = "~sweep-cursor@";

  public static final String SWEPT_THROUGH_BUCKET = "sweptThroughBucket";

  /**
   * The {@link RequestToken} of the last conditional write of the item, by which a retried write
   * recognises that its first attempt landed.
   */
  public static final String WRITE_TOKEN = "writeToken";

  public static final String SWEEP_INDEX = "sweep-index";
  public static final String TTL_ATTRIBUTE = EXPIRES_AT_EPOCH_SECONDS;

  private ClientTable() {}

  public static CreateTableRequest createTableRequest(String tableName) {
    return CreateTableRequest.builder()
        .tableName(tableName)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(
            attribute(CLIENT_ID, ScalarAttributeType.S),
            attribute(SWEEP_PARTITION, ScalarAttributeType.S))
        .keySchema(key(CLIENT_ID, KeyType.HASH))
        .globalSecondaryIndexes(
            GlobalSecondaryIndex.builder()
                .indexName(SWEEP_INDEX)
                .keySchema(key(SWEEP_PARTITION, KeyType.HASH))
                .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                .build())
        .build();
  }

  /** The attribute definitions, in declaration order, as (name, type) pairs for comparisons. */
  public static List<AttributeDefinition> attributeDefinitions() {
    return createTableRequest("x-x").attributeDefinitions();
  }

  private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
    return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }
}
