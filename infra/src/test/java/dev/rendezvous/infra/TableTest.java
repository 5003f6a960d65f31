package dev.rendezvous.infra;

import static dev.rendezvous.infra.TemplateQueries.onlyProperties;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/**
 * What the stack adds to the table it derives from the store's definition (keys, sweep index and
 * TTL come from {@code ClientTable} by construction): billing, recovery, protection, encryption.
 */
class TableTest {
  private final Map<String, Object> table =
      onlyProperties(SynthesizedStacks.aws().template(), "AWS::DynamoDB::Table");

  @Test
  void billingIsOnDemandAndPointInTimeRecoveryIsOn() {
    assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
    assertThat(table).doesNotContainKey("ProvisionedThroughput");
    assertThat(table.get("PointInTimeRecoverySpecification"))
        .isEqualTo(Map.of("PointInTimeRecoveryEnabled", true));
  }

  @Test
  void tableIsRetainedAndProtectedFromDeletionByDefault() {
    SynthesizedStacks.aws()
        .template()
        .hasResource(
            "AWS::DynamoDB::Table",
            Match.objectLike(Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain")));
    assertThat(table).containsEntry("DeletionProtectionEnabled", true);
  }

  @Test
  void warmThroughputIsDynamoDbsDefaultUnlessTheOperatorSetsIt() {
    assertThat(table).doesNotContainKey("WarmThroughput");
  }

  @Test
  void encryptionIsDynamoDbsDefaultAwsOwnedKey() {
    // No SSESpecification: DynamoDB encrypts with an AWS owned key (docs/deploy.md says why).
    assertThat(table).doesNotContainKey("SSESpecification");
    SynthesizedStacks.aws().template().resourceCountIs("AWS::KMS::Key", 0);
  }
}
