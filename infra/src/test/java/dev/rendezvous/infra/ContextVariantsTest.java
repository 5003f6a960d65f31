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
            Map.ofEntries(
                Map.entry("region", "eu-west-1"),
                Map.entry("natGateways", "1"),
                Map.entry("retainTable", "false"),
                Map.entry("alarmEmail", "ops@example.com"),
                Map.entry("pulseIntervalSeconds", "20"),
                Map.entry("apiMemoryMb", "2048"),
                Map.entry("edgeMinTasks", "3"),
                Map.entry("edgeMaxTasks", "9"),
                Map.entry("tableWarmWritesPerSecond", "12000"),
                Map.entry("originSecretGeneration", "2"),
                Map.entry("edgeIpv6", "false"),
                Map.entry("edgeMaxClientsPerTask", "50000")));
  }

  @Test
  void regionIsPinned() {
    assertThat(variant.stack().getRegion()).isEqualTo("eu-west-1");
  }

  @Test
  void natGatewayPutsTheTasksInPrivateSubnetsWithoutPublicIps() {
    variant.template().resourceCountIs("AWS::EC2::NatGateway", 1);
    // Public, private (edge tasks) and isolated (API function), in two zones.
    variant.template().resourceCountIs("AWS::EC2::Subnet", 6);
    variant.has(
        "AWS::ECS::Service",
        Map.of(
            "DesiredCount",
            Match.absent(),
            "NetworkConfiguration",
            TemplateQueries.awsvpc(
                Map.of(
                    "AssignPublicIp",
                    "DISABLED",
                    "Subnets",
                    List.of(
                        Map.of("Ref", Match.stringLikeRegexp("PrivateSubnet1")),
                        Map.of("Ref", Match.stringLikeRegexp("PrivateSubnet2")))))));
    variant.has(
        "AWS::ApplicationAutoScaling::ScalableTarget", Map.of("MinCapacity", 3, "MaxCapacity", 9));
  }

  @Test
  void ipv4OnlyHasOneIpv4TargetGroupAsTheDefaultAndNoIpv6AnywhereTheEdgeListens() {
    Map<String, Object> nlb =
        TemplateQueries.onlyProperties(
            variant.template(), "AWS::ElasticLoadBalancingV2::LoadBalancer");
    assertThat(nlb)
        .containsEntry("IpAddressType", "ipv4")
        .doesNotContainKey("EnablePrefixForIpv6SourceNat");
    Map<String, Object> group =
        TemplateQueries.onlyProperties(
            variant.template(), "AWS::ElasticLoadBalancingV2::TargetGroup");
    assertThat(group).containsEntry("IpAddressType", "ipv4").containsEntry("Protocol", "UDP");
    variant.template().resourceCountIs("AWS::ElasticLoadBalancingV2::ListenerRule", 0);
    variant.template().resourceCountIs("AWS::EC2::VPCCidrBlock", 0);
    String json = variant.template().toJSON().toString();
    assertThat(json).doesNotContain("::/0", "CidrIpv6", "Ipv6CidrBlock");
    assertThat(json)
        .contains("{Name=RENDEZVOUS_BIND_ADDRESS, Value=0.0.0.0}")
        .contains("{Name=RENDEZVOUS_EDGE_MAX_CLIENTS, Value=50000}")
        // 4,000 warm writes would give 200 per task at 10 tasks; 12,000 at 9 tasks give 666.
        .contains("{Name=RENDEZVOUS_EDGE_TAKEOVER_RATE_PER_SECOND, Value=666}")
        // Minimum 3 tasks: one extra task per deployment step at that count.
        .contains("MaximumPercent=134")
        // Tasks are added at 70 % of the clients each may own.
        .contains("TargetValue=35000");
  }

  @Test
  void tableIsDeletedWithTheStackWhenAsked() {
    variant
        .template()
        .hasResource(
            "AWS::DynamoDB::Table",
            Match.objectLike(Map.of("DeletionPolicy", "Delete", "UpdateReplacePolicy", "Delete")));
    // Deletion protection would make the stack's own deletion fail.
    variant.has("AWS::DynamoDB::Table", Map.of("DeletionProtectionEnabled", false));
  }

  @Test
  void warmThroughputAndTheWritesAlarmFollowTheOperatorsFigure() {
    variant.has(
        "AWS::DynamoDB::Table", Map.of("WarmThroughput", Map.of("WriteUnitsPerSecond", 12000)));
    variant.has(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "AlarmDescription",
            Match.stringLikeRegexp("warm throughput \\(12000/s\\)"),
            "Threshold",
            9600));
  }

  @Test
  void aNewOriginSecretGenerationChangesBothReadersOfTheSecret() {
    variant.has(
        "AWS::CloudFront::Distribution",
        Map.of(
            "DistributionConfig",
            Match.objectLike(
                Map.of("Comment", "Rendezvous HTTP API (origin secret generation 2)"))));
    variant.has(
        "AWS::Lambda::Function",
        Map.of(
            "Environment",
            Map.of("Variables", Match.objectLike(Map.of("ORIGIN_SECRET_GENERATION", "2")))));
  }

  @Test
  void maximumTaskAlarmFollowsTheMaximum() {
    variant.has(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "MetricName",
            "DesiredTaskCount",
            "Threshold",
            8.5,
            "ComparisonOperator",
            "GreaterThanThreshold"));
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
    variant.has(
        "AWS::Lambda::Function",
        Map.of("Handler", Match.stringLikeRegexp("payload2"), "MemorySize", 2048));
    assertThat(variant.template().toJSON().toString())
        .contains("{Name=RENDEZVOUS_PULSE_INTERVAL_SECONDS, Value=20}");
  }
}
