package dev.rendezvous.infra;

import static dev.rendezvous.infra.TemplateQueries.onlyProperties;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.store.dynamodb.ClientTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/** The deployed table must be the table the store creates locally: one definition, held equal. */
class TableDefinitionTest {
  private static final CreateTableRequest LOCAL = ClientTable.createTableRequest("any-name");

  private final Map<String, Object> table =
      onlyProperties(SynthesizedStacks.aws().template(), "AWS::DynamoDB::Table");

  @Test
  void keySchemaIsTheStoresKeySchema() {
    assertThat(table.get("KeySchema")).isEqualTo(keySchema(LOCAL.keySchema()));
  }

  @Test
  void attributeDefinitionsAreTheStoresAttributeDefinitions() {
    List<Map<String, String>> expected =
        LOCAL.attributeDefinitions().stream()
            .map(
                a ->
                    Map.of(
                        "AttributeName",
                        a.attributeName(),
                        "AttributeType",
                        a.attributeTypeAsString()))
            .toList();
    assertThat(TemplateQueries.asList(table.get("AttributeDefinitions")))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void globalSecondaryIndexesAreTheStoresIndexes() {
    List<Map<String, Object>> expected =
        LOCAL.globalSecondaryIndexes().stream().map(TableDefinitionTest::index).toList();
    assertThat(TemplateQueries.asList(table.get("GlobalSecondaryIndexes")))
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(expected)
        .extracting(index -> index.get("IndexName"))
        .containsExactly(ClientTable.SWEEP_INDEX);
  }

  @Test
  void timeToLiveIsTheStoresTtlAttribute() {
    assertThat(table.get("TimeToLiveSpecification"))
        .isEqualTo(Map.of("AttributeName", ClientTable.TTL_ATTRIBUTE, "Enabled", true));
  }

  @Test
  void billingIsOnDemandLikeTheStoresAndPointInTimeRecoveryIsOn() {
    assertThat(LOCAL.billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
    assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
    assertThat(table).doesNotContainKey("ProvisionedThroughput");
    assertThat(table.get("PointInTimeRecoverySpecification"))
        .isEqualTo(Map.of("PointInTimeRecoveryEnabled", true));
  }

  @Test
  void tableIsRetainedWhenTheStackIsDeletedByDefault() {
    SynthesizedStacks.aws()
        .template()
        .hasResource(
            "AWS::DynamoDB::Table",
            Match.objectLike(Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain")));
  }

  @Test
  void localStackStageDeclaresTheSameTable() {
    Map<String, Object> local =
        onlyProperties(SynthesizedStacks.localStack().template(), "AWS::DynamoDB::Table");
    for (String property :
        List.of(
            "KeySchema",
            "AttributeDefinitions",
            "GlobalSecondaryIndexes",
            "TimeToLiveSpecification",
            "BillingMode")) {
      assertThat(local.get(property)).as(property).isEqualTo(table.get(property));
    }
  }

  private static List<Map<String, String>> keySchema(List<KeySchemaElement> elements) {
    return elements.stream()
        .map(e -> Map.of("AttributeName", e.attributeName(), "KeyType", e.keyTypeAsString()))
        .toList();
  }

  private static Map<String, Object> index(GlobalSecondaryIndex index) {
    return Map.of(
        "IndexName",
        index.indexName(),
        "KeySchema",
        keySchema(index.keySchema()),
        "Projection",
        Map.of("ProjectionType", index.projection().projectionTypeAsString()));
  }
}
