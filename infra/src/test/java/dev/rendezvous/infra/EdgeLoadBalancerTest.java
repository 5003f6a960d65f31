package dev.rendezvous.infra;

import static dev.rendezvous.infra.TemplateQueries.getAtt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.infra.SynthesizedStacks.Synthesized;
import dev.rendezvous.infra.construct.UdpEdgeService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.elasticloadbalancingv2.NetworkTargetGroup;

/**
 * IPv6 end to end without a wrong recorded address: a dual-stack NLB whose UDP listener sends each
 * client to a target group of its own address family (listener rules by source IP type), client IP
 * preserved in both, so the edge sees every client's own address; no target group of the other
 * family, whose targets would see the load balancer's address instead.
 */
class EdgeLoadBalancerTest {
  private final Synthesized aws = SynthesizedStacks.aws();
  private final UdpEdgeService edge = (UdpEdgeService) aws.stack().getNode().findChild("Edge");
  private final String ipv4Group = aws.logicalId(edge.targetGroups().get(0));
  private final String ipv6Group = aws.logicalId(edge.targetGroups().get(1));

  @Test
  void loadBalancerIsInternetFacingDualStackWithSourceNatPrefixesAndItsOwnSecurityGroup() {
    Map<String, Object> nlb =
        TemplateQueries.onlyProperties(aws.template(), "AWS::ElasticLoadBalancingV2::LoadBalancer");
    assertThat(nlb)
        .containsEntry("Type", "network")
        .containsEntry("Scheme", "internet-facing")
        .containsEntry("IpAddressType", "dualstack")
        // AWS requires it for a UDP listener on a dual-stack NLB (CDK checks it too).
        .containsEntry("EnablePrefixForIpv6SourceNat", "on")
        .containsEntry(
            "SecurityGroups",
            List.of(getAtt(aws.logicalId(edge.loadBalancerSecurityGroup()), "GroupId")));
    assertThat(TemplateQueries.asList(nlb.get("SubnetMappings")))
        .hasSize(2)
        .allSatisfy(
            mapping ->
                assertThat(((Map<?, ?>) mapping).get("SourceNatIpv6Prefix"))
                    .isEqualTo("auto_assigned"));
  }

  @Test
  void oneUdpTargetGroupPerFamilyWithClientIpPreservedAndShortDrain() {
    assertThat(edge.targetGroups()).hasSize(2);
    aws.template().resourceCountIs("AWS::ElasticLoadBalancingV2::TargetGroup", 2);
    List<Object> families = new ArrayList<>();
    for (NetworkTargetGroup group : edge.targetGroups()) {
      Map<String, Object> properties =
          TemplateQueries.properties(
              aws.template()
                  .findResources("AWS::ElasticLoadBalancingV2::TargetGroup")
                  .get(aws.logicalId(group)));
      families.add(properties.get("IpAddressType"));
      assertThat(properties)
          .containsEntry("Protocol", "UDP")
          .containsEntry("Port", 5024)
          .containsEntry("TargetType", "ip")
          .containsEntry("HealthCheckProtocol", "HTTP")
          .containsEntry("HealthCheckPort", "8080")
          .containsEntry("HealthCheckPath", "/health")
          .containsEntry("HealthCheckIntervalSeconds", 10)
          .containsEntry("HealthyThresholdCount", 2)
          .containsEntry("UnhealthyThresholdCount", 2);
      // Exactly these: the unhealthy-target connection termination attribute "can't be enabled
      // for UDP" (AWS), so it is not set and the stack cannot fail on it.
      assertThat(TemplateQueries.asList(properties.get("TargetGroupAttributes")))
          .containsExactlyInAnyOrder(
              Map.of("Key", "preserve_client_ip.enabled", "Value", "true"),
              Map.of("Key", "deregistration_delay.timeout_seconds", "Value", "15"),
              Map.of(
                  "Key", "deregistration_delay.connection_termination.enabled", "Value", "true"));
    }
    assertThat(families).containsExactly("ipv4", "ipv6");
  }

  @Test
  void eachClientFamilyIsForwardedToItsOwnFamilysTargets() {
    String listener =
        aws.template()
            .findResources("AWS::ElasticLoadBalancingV2::Listener")
            .keySet()
            .iterator()
            .next();
    aws.template().resourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 1);
    aws.template()
        .hasResourceProperties(
            "AWS::ElasticLoadBalancingV2::Listener",
            Map.of(
                "Port",
                5024,
                "Protocol",
                "UDP",
                "LoadBalancerArn",
                Match.anyValue(),
                // A dual-stack UDP listener's default action must use an IPv6 target group (AWS).
                "DefaultActions",
                List.of(Map.of("Type", "forward", "TargetGroupArn", Map.of("Ref", ipv6Group)))));
    aws.template().resourceCountIs("AWS::ElasticLoadBalancingV2::ListenerRule", 2);
    assertThat(rule("ipv4")).containsEntry("Priority", 10);
    assertThat(rule("ipv6")).containsEntry("Priority", 20);
    for (Map.Entry<String, String> family :
        Map.of("ipv4", ipv4Group, "ipv6", ipv6Group).entrySet()) {
      assertThat(rule(family.getKey()))
          .containsEntry("ListenerArn", Map.of("Ref", listener))
          .containsEntry(
              "Actions",
              List.of(
                  Map.of("Type", "forward", "TargetGroupArn", Map.of("Ref", family.getValue()))));
    }
  }

  @Test
  void theServiceStartsOnlyOnceBothRulesExist() {
    String service = aws.logicalId(edge.service());
    List<Object> dependsOn =
        TemplateQueries.asList(
            aws.template().findResources("AWS::ECS::Service").get(service).get("DependsOn"));
    for (String rule :
        aws.template().findResources("AWS::ElasticLoadBalancingV2::ListenerRule").keySet()) {
      assertThat(dependsOn).contains(rule);
    }
  }

  private Map<String, Object> rule(String family) {
    List<Map<String, Object>> matching = new ArrayList<>();
    for (Map<String, Object> rule :
        aws.template().findResources("AWS::ElasticLoadBalancingV2::ListenerRule").values()) {
      Map<String, Object> properties = TemplateQueries.properties(rule);
      if (properties
          .get("Conditions")
          .equals(
              List.of(
                  Map.of(
                      "Field", "source-ip", "SourceIpConfig", Map.of("IpAddressType", family))))) {
        matching.add(properties);
      }
    }
    assertThat(matching).as("rules for source %s", family).hasSize(1);
    return matching.get(0);
  }
}
