package dev.rendezvous.infra.construct;

import java.util.List;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;

/**
 * The permissions Lambda uses, through a function's execution role, to create and manage the
 * function's network interfaces in a VPC: exactly the EC2 actions of AWS's own minimum policy
 * (AWSLambdaVPCAccessExecutionRole), written out instead of attaching the managed policy, with the
 * resources narrowed where IAM allows it. The Describe actions have no resource-level permissions
 * ({@code *} is required); the others are held to this account and region, the form the Lambda
 * Developer Guide gives for DeleteNetworkInterface.
 */
final class NetworkInterfaceAccess {
  static final List<String> DESCRIBE_ACTIONS =
      List.of("ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets");

  static final List<String> MANAGE_ACTIONS =
      List.of(
          "ec2:AssignPrivateIpAddresses",
          "ec2:CreateNetworkInterface",
          "ec2:DeleteNetworkInterface",
          "ec2:UnassignPrivateIpAddresses");

  /** The cdk-nag {@code applies_to} form of the account-and-region resource below. */
  static final String MANAGE_RESOURCE_FINDING =
      "Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:*/*";

  private NetworkInterfaceAccess() {}

  static void grant(Role role) {
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .effect(Effect.ALLOW)
            .actions(DESCRIBE_ACTIONS)
            .resources(List.of("*"))
            .build());
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .effect(Effect.ALLOW)
            .actions(MANAGE_ACTIONS)
            .resources(
                List.of(
                    "arn:" + Aws.PARTITION + ":ec2:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":*/*"))
            .build());
    Acknowledge.finding(
        role,
        "AwsSolutions-IAM5",
        "Resource::*",
        "Lambda creates the function's network interfaces with its role; ec2:DescribeNetworkInterfaces"
            + " and ec2:DescribeSubnets have no resource-level permissions, so AWS requires *.");
    Acknowledge.finding(
        role,
        "AwsSolutions-IAM5",
        MANAGE_RESOURCE_FINDING,
        "The network interfaces Lambda creates for the function have IDs unknown until then; the"
            + " ENI actions are held to this account and region, as the Lambda guide shows.");
  }
}
