package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.call.CallPolicies;
import dev.rendezvous.core.call.CallPolicy;
import dev.rendezvous.protocol.identity.ClientId;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Call policies on the clients' own items, attribute {@value #CALL_POLICY} (binary, {@link
 * CallPolicy#encode()}, at most 161 bytes: with it the largest client item is still under 1 KB, one
 * write unit). Read with a projected, strongly consistent GetItem; set with one UpdateItem
 * conditional on the client existing (not a tombstone). Setting is idempotent, so the SDK's retries
 * are safe without a request token.
 */
public final class DynamoCallPolicies implements CallPolicies {
  /** The attribute that holds a client's call policy. */
  public static final String CALL_POLICY = "callPolicy";

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoCallPolicies(DynamoDbClient dynamo, DynamoStoreSettings settings) {
    this.dynamo = dynamo;
    this.table = settings.tableName();
  }

  @Override
  public CallPolicy of(ClientId callee) {
    GetItemResponse response;
    try {
      response =
          dynamo.getItem(
              get ->
                  get.tableName(table)
                      .key(key(callee))
                      .consistentRead(true)
                      .projectionExpression("#p")
                      .expressionAttributeNames(Map.of("#p", CALL_POLICY)));
    } catch (RuntimeException e) {
      throw DynamoErrors.translate(e);
    }
    AttributeValue stored = response.hasItem() ? response.item().get(CALL_POLICY) : null;
    if (stored == null || stored.b() == null) {
      return CallPolicy.EVERYONE;
    }
    return CallPolicy.decode(stored.b().asByteArray()).orElse(CallPolicy.EVERYONE);
  }

  @Override
  public boolean set(ClientId client, CallPolicy policy) {
    try {
      var unused =
          dynamo.updateItem(
              update ->
                  update
                      .tableName(table)
                      .key(key(client))
                      .updateExpression("SET #p = :p")
                      .conditionExpression("attribute_exists(#v)")
                      .expressionAttributeNames(
                          Map.of("#p", CALL_POLICY, "#v", ClientTable.KEY_VERIFIER))
                      .expressionAttributeValues(
                          Map.of(
                              ":p",
                              AttributeValue.fromB(SdkBytes.fromByteArray(policy.encode())))));
      return true;
    } catch (RuntimeException e) {
      if (DynamoErrors.isConditionFailure(e)) {
        return false;
      }
      throw DynamoErrors.translate(e);
    }
  }

  private static Map<String, AttributeValue> key(ClientId client) {
    return Map.of(ClientTable.CLIENT_ID, AttributeValue.fromS(client.hex()));
  }
}
