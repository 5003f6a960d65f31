package dev.rendezvous.infra.construct;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.customresources.SdkCallsPolicyOptions;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The ID of the AWS-managed prefix list of DynamoDB in the stack's region ({@code
 * com.amazonaws.<region>.dynamodb}: the address ranges the gateway endpoint routes), so that a
 * security group can allow HTTPS to DynamoDB and nothing else. CloudFormation exposes no such
 * attribute on the endpoint, and the ID differs per region, so it is looked up at deploy time with
 * one {@code ec2:DescribePrefixLists} call (CDK's {@link AwsCustomResource}, run once per create or
 * update).
 */
final class DynamoDbPrefixList extends Construct {
  static final String OUTPUT_PATH = "PrefixLists.0.PrefixListId";

  private final AwsCustomResource lookup;

  /**
   * @param logRetention of the deploy-time function's own log group
   */
  DynamoDbPrefixList(Construct scope, String id, RetentionDays logRetention) {
    super(scope, id);
    OwnLogs own =
        OwnLogs.of(this, "Rendezvous deploy-time lookup of the DynamoDB prefix list", logRetention);
    LogGroup logs = own.logs();
    Role role = own.role();
    String name = "com.amazonaws." + Aws.REGION + ".dynamodb";
    AwsSdkCall describe =
        AwsSdkCall.builder()
            .service("EC2")
            .action("DescribePrefixLists")
            .parameters(
                Map.of(
                    "Filters",
                    List.of(Map.of("Name", "prefix-list-name", "Values", List.of(name)))))
            .outputPaths(List.of(OUTPUT_PATH))
            .physicalResourceId(PhysicalResourceId.of(name))
            .build();
    this.lookup =
        AwsCustomResource.Builder.create(this, "Lookup")
            .onCreate(describe)
            .onUpdate(describe)
            .installLatestAwsSdk(false)
            .role(role)
            .logGroup(logs)
            .policy(
                AwsCustomResourcePolicy.fromSdkCalls(
                    SdkCallsPolicyOptions.builder()
                        .resources(AwsCustomResourcePolicy.ANY_RESOURCE)
                        .build()))
            .build();
    Acknowledge.finding(
        lookup,
        "AwsSolutions-IAM5",
        "Resource::*",
        "ec2:DescribePrefixLists has no resource-level permissions (AWS requires *); it is the only"
            + " action, read-only, and runs only while CloudFormation deploys the stack.");
  }

  /** The prefix list ID, e.g. {@code pl-02cd2c6b} (resolved at deploy time). */
  String prefixListId() {
    return lookup.getResponseField(OUTPUT_PATH);
  }
}
