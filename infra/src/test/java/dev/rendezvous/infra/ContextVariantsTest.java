package dev.rendezvous.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.infra.SynthesizedStacks.Synthesized;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** Operator choices reach the template: one more synthesis with non-default context. */
class ContextVariantsTest {
  private static Synthesized variant;

  @BeforeAll
  static void synthesize() {
    variant =
        SynthesizedStacks.synthesize(
            Map.of(
                "region", "eu-west-1",
                "natGateways", "1",
                "retainTable", "false",
                "alarmEmail", "ops@example.com",
                "pulseIntervalSeconds", "20",
                "apiMemoryMb", "2048",
                "edgeMinTasks", "3",
                "edgeMaxTasks", "9",
                "tableWarmWritesPerSecond", "12000",
                "originSecretGeneration", "2"));
  }

  @Test
  void regionIsPinned() {
    assertThat(variant.stack().getRegion()).isEqualTo("eu-west-1");
  }

  @Test
  void natGatewayPutsTheTasksInPrivateSubnetsWithoutPublicIps() {
    variant.template().resourceCountIs("AWS::EC2::NatGateway", 1);
    variant.template().resourceCountIs("AWS::EC2::Subnet", 4);
    variant
        .template()
        .hasResourceProperties(
            "AWS::ECS::Service",
            Match.objectLike(
                Map.of(
                    "DesiredCount",
                    Match.absent(),
                    "NetworkConfiguration",
                    Map.of(
                        "AwsvpcConfiguration",
                        Match.objectLike(
                            Map.of(
                                "AssignPublicIp",
                                "DISABLED",
                                "Subnets",
                                List.of(
                                    Map.of("Ref", Match.stringLikeRegexp("PrivateSubnet1")),
                                    Map.of("Ref", Match.stringLikeRegexp("PrivateSubnet2")))))))));
    variant
        .template()
        .hasResourceProperties(
            "AWS::ApplicationAutoScaling::ScalableTarget",
            Match.objectLike(Map.of("MinCapacity", 3, "MaxCapacity", 9)));
  }

  @Test
  void tableIsDeletedWithTheStackWhenAsked() {
    variant
        .template()
        .hasResource(
            "AWS::DynamoDB::Table",
            Match.objectLike(Map.of("DeletionPolicy", "Delete", "UpdateReplacePolicy", "Delete")));
    // Deletion protection would make the stack's own deletion fail.
    variant
        .template()
        .hasResourceProperties(
            "AWS::DynamoDB::Table", Match.objectLike(Map.of("DeletionProtectionEnabled", false)));
  }

  @Test
  void warmThroughputAndTheWritesAlarmFollowTheOperatorsFigure() {
    variant
        .template()
        .hasResourceProperties(
            "AWS::DynamoDB::Table",
            Match.objectLike(Map.of("WarmThroughput", Map.of("WriteUnitsPerSecond", 12000))));
    variant
        .template()
        .hasResourceProperties(
            "AWS::CloudWatch::Alarm",
            Match.objectLike(
                Map.of(
                    "AlarmDescription",
                    Match.stringLikeRegexp("warm throughput \\(12000/s\\)"),
                    "Threshold",
                    9600)));
  }

  @Test
  void aNewOriginSecretGenerationChangesBothReadersOfTheSecret() {
    variant
        .template()
        .hasResourceProperties(
            "AWS::CloudFront::Distribution",
            Match.objectLike(
                Map.of(
                    "DistributionConfig",
                    Match.objectLike(
                        Map.of("Comment", "Rendezvous HTTP API (origin secret generation 2)")))));
    variant
        .template()
        .hasResourceProperties(
            "AWS::Lambda::Function",
            Match.objectLike(
                Map.of(
                    "Environment",
                    Map.of(
                        "Variables", Match.objectLike(Map.of("ORIGIN_SECRET_GENERATION", "2"))))));
  }

  @Test
  void maximumTaskAlarmFollowsTheMaximum() {
    variant
        .template()
        .hasResourceProperties(
            "AWS::CloudWatch::Alarm",
            Match.objectLike(
                Map.of(
                    "MetricName",
                    "DesiredTaskCount",
                    "Threshold",
                    8.5,
                    "ComparisonOperator",
                    "GreaterThanThreshold")));
  }

  @Test
  void alarmEmailIsSubscribedToTheAlarmTopic() {
    variant
        .template()
        .hasResourceProperties(
            "AWS::SNS::Subscription",
            Map.of(
                "Protocol", "email",
                "Endpoint", "ops@example.com",
                "TopicArn", Match.anyValue()));
  }

  @Test
  void timingsAndSizesReachTheProcesses() {
    variant
        .template()
        .resourcePropertiesCountIs(
            "AWS::Lambda::Function",
            Match.objectLike(
                Map.of(
                    "Environment",
                    Map.of(
                        "Variables",
                        Match.objectLike(Map.of("RENDEZVOUS_PULSE_INTERVAL_SECONDS", "20"))))),
            2);
    variant
        .template()
        .hasResourceProperties(
            "AWS::Lambda::Function",
            Match.objectLike(
                Map.of("Handler", Match.stringLikeRegexp("payload2"), "MemorySize", 2048)));
    assertThat(variant.template().toJSON().toString())
        .contains("{Name=RENDEZVOUS_PULSE_INTERVAL_SECONDS, Value=20}");
  }
}
