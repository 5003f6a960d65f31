package dev.rendezvous.infra;

import static dev.rendezvous.infra.TemplateQueries.allStatements;
import static dev.rendezvous.infra.TemplateQueries.asList;
import static dev.rendezvous.infra.TemplateQueries.getAtt;
import static dev.rendezvous.infra.TemplateQueries.statementsOfRole;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.infra.SynthesizedStacks.Synthesized;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Each role may do exactly what its process does on the table: explicit actions on the table ARN
 * and, for the sweep, Query on the sweep index's own ARN. No action wildcards, no {@code index/*},
 * and {@code *} resources only where AWS offers nothing narrower.
 */
class LeastPrivilegeTest {
  private final Synthesized aws = SynthesizedStacks.aws();
  private final String tableId = aws.logicalId(aws.stack().table().table());
  private final Map<String, Object> tableArn = getAtt(tableId, "Arn");
  private final Map<String, Object> sweepIndexArn =
      Map.of("Fn::Join", List.of("", List.of(tableArn, "/index/sweep-index")));

  @Test
  void edgeMayGetAndUpdateItemsAndPutOnlyItsOwnTaskItemsAndTheSecret() {
    String role = logicalIdOf("Edge", "TaskRole");
    assertThat(dynamoStatements(role))
        .containsExactlyInAnyOrder(
            statement(List.of("dynamodb:GetItem", "dynamodb:UpdateItem"), tableArn),
            Map.of(
                "Action",
                "dynamodb:PutItem",
                "Effect",
                "Allow",
                "Resource",
                tableArn,
                "Condition",
                Map.of(
                    "ForAllValues:StringLike",
                    Map.of("dynamodb:LeadingKeys", List.of("~task#*", "~internal-secret")))));
  }

  @Test
  void edgeMayPutMetricDataOnlyIntoItsNamespace() {
    String role = logicalIdOf("Edge", "TaskRole");
    assertThat(statementsOfRole(aws.template(), role))
        .contains(
            Map.of(
                "Action", "cloudwatch:PutMetricData",
                "Condition", Map.of("StringEquals", Map.of("cloudwatch:namespace", "Rendezvous")),
                "Effect", "Allow",
                "Resource", "*"));
    assertThat(statementsOfRole(aws.template(), role)).hasSize(3);
  }

  @Test
  void apiMayPutUpdateAndGetItemsOnTheTableButNeverDelete() {
    String role = logicalIdOf("Functions", "ApiRole");
    assertThat(dynamoStatements(role))
        .containsExactly(
            statement(
                List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"), tableArn));
  }

  @Test
  void expiryMayQueryOnlyTheSweepIndexDeleteClientsAndKeepItsCursor() {
    String role = logicalIdOf("Functions", "ExpiryRole");
    assertThat(dynamoStatements(role))
        .containsExactlyInAnyOrder(
            statement(
                List.of("dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:UpdateItem"),
                tableArn),
            statement("dynamodb:Query", sweepIndexArn));
  }

  @Test
  void functionsWriteOnlyToTheirOwnLogGroupsAndHaveNoManagedPolicies() {
    for (String name : List.of("Api", "Expiry")) {
      String role = logicalIdOf("Functions", name + "Role");
      String logGroup = logicalIdOf("Functions", name + "Logs");
      assertThat(statementsOfRole(aws.template(), role))
          .contains(
              statement(
                  List.of("logs:CreateLogStream", "logs:PutLogEvents"), getAtt(logGroup, "Arn")))
          .hasSize(name.equals("Api") ? 4 : 3);
      Map<String, Object> roleProperties =
          TemplateQueries.properties(aws.template().findResources("AWS::IAM::Role").get(role));
      assertThat(roleProperties).doesNotContainKeys("ManagedPolicyArns", "Policies");
    }
  }

  @Test
  void noStatementAnywhereUsesAnActionWildcard() {
    for (Map<String, Object> statement : allStatements(aws.template())) {
      for (Object action : asList(statement.get("Action"))) {
        assertThat(action.toString()).as("action in %s", statement).doesNotContain("*");
      }
    }
  }

  @Test
  void noResourceNamesEveryIndexOfTheTable() throws Exception {
    String json = new ObjectMapper().writeValueAsString(aws.template().toJSON());
    assertThat(json).doesNotContain("index/*").contains("/index/sweep-index");
  }

  @Test
  void allResourcesOnlyWhereAwsHasNoResourceLevelPermission() {
    Set<String> actionsOnEverything = new TreeSet<>();
    for (Map<String, Object> statement : allStatements(aws.template())) {
      if (asList(statement.get("Resource")).contains("*")) {
        asList(statement.get("Action")).forEach(a -> actionsOnEverything.add(a.toString()));
      }
    }
    assertThat(actionsOnEverything)
        .containsExactlyInAnyOrder(
            "cloudwatch:PutMetricData",
            "ecr:GetAuthorizationToken",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeSubnets",
            "ec2:DescribePrefixLists");
  }

  @Test
  void theApiFunctionMayManageNetworkInterfacesOnlyInThisAccountAndRegion() {
    String role = logicalIdOf("Functions", "ApiRole");
    assertThat(statementsOfRole(aws.template(), role))
        .contains(
            statement(List.of("ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"), "*"),
            statement(
                List.of(
                    "ec2:AssignPrivateIpAddresses",
                    "ec2:CreateNetworkInterface",
                    "ec2:DeleteNetworkInterface",
                    "ec2:UnassignPrivateIpAddresses"),
                Map.of(
                    "Fn::Join",
                    List.of(
                        "",
                        List.of(
                            "arn:",
                            Map.of("Ref", "AWS::Partition"),
                            ":ec2:",
                            Map.of("Ref", "AWS::Region"),
                            ":",
                            Map.of("Ref", "AWS::AccountId"),
                            ":*/*")))));
    // The sweep has no network interface, so no such permission.
    String expiry = logicalIdOf("Functions", "ExpiryRole");
    assertThat(statementsOfRole(aws.template(), expiry).toString()).doesNotContain("ec2:");
  }

  @Test
  void theDeployTimePrefixListLookupWritesOnlyItsOwnLogsAndHasNoManagedPolicy() {
    var lookup =
        aws.stack().getNode().findChild("Network").getNode().findChild("DynamoDbPrefixList");
    String role = aws.logicalId(lookup.getNode().findChild("Role"));
    String logs = aws.logicalId(lookup.getNode().findChild("Logs"));
    assertThat(statementsOfRole(aws.template(), role))
        .containsExactlyInAnyOrder(
            statement(List.of("logs:CreateLogStream", "logs:PutLogEvents"), getAtt(logs, "Arn")),
            statement("ec2:DescribePrefixLists", "*"));
    assertThat(TemplateQueries.properties(aws.template().findResources("AWS::IAM::Role").get(role)))
        .doesNotContainKeys("ManagedPolicyArns", "Policies");
  }

  private List<Map<String, Object>> dynamoStatements(String roleLogicalId) {
    return statementsOfRole(aws.template(), roleLogicalId).stream()
        .filter(s -> asList(s.get("Action")).toString().contains("dynamodb:"))
        .toList();
  }

  private static Map<String, Object> statement(Object actions, Object resource) {
    return Map.of("Action", actions, "Effect", "Allow", "Resource", resource);
  }

  private String logicalIdOf(String parent, String child) {
    return aws.logicalId(aws.stack().getNode().findChild(parent).getNode().findChild(child));
  }
}
