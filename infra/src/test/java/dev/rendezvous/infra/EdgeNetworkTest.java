package dev.rendezvous.infra;

import static dev.rendezvous.infra.TemplateQueries.getAtt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.infra.SynthesizedStacks.Synthesized;
import dev.rendezvous.infra.construct.UdpEdgeService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.ec2.SecurityGroup;

/**
 * The edge's network: the NLB's own security group admits UDP 5024 (without it the flag {@code
 * networkLoadBalancerWithSecurityGroupByDefault} in cdk.json would leave a group that drops
 * everything) and sends only pulses and health checks into the VPC; the tasks admit only the NLB.
 */
class EdgeNetworkTest {
  private final Synthesized aws = SynthesizedStacks.aws();
  private final UdpEdgeService edge = (UdpEdgeService) aws.stack().getNode().findChild("Edge");
  private final String nlbGroup = aws.logicalId(edge.loadBalancerSecurityGroup());
  private final String taskGroup = aws.logicalId(edge.serviceSecurityGroup());

  @Test
  void loadBalancerSecurityGroupAdmitsUdp5024FromAnywhereAndNothingElse() {
    Map<String, Object> group =
        TemplateQueries.properties(
            aws.template().findResources("AWS::EC2::SecurityGroup").get(nlbGroup));
    assertThat(group.get("SecurityGroupIngress"))
        .isEqualTo(
            List.of(
                Map.of(
                    "CidrIp", "0.0.0.0/0",
                    "Description", "Pulses from anywhere (IPv4)",
                    "IpProtocol", "udp",
                    "FromPort", 5024,
                    "ToPort", 5024)));
    aws.template()
        .resourcePropertiesCountIs(
            "AWS::EC2::SecurityGroupIngress", Map.of("GroupId", getAtt(nlbGroup, "GroupId")), 0);
  }

  @Test
  void loadBalancerSendsOnlyPulsesAndHealthChecksIntoTheVpc() {
    Map<String, Object> group =
        TemplateQueries.properties(
            aws.template().findResources("AWS::EC2::SecurityGroup").get(nlbGroup));
    Map<String, Object> vpcCidr = getAtt(aws.logicalId(edge.vpc()), "CidrBlock");
    // Inline egress rules replace the default allow-all rule of a new group.
    assertThat(TemplateQueries.asList(group.get("SecurityGroupEgress")))
        .containsExactlyInAnyOrder(
            Map.of(
                "CidrIp",
                vpcCidr,
                "Description",
                "Pulses to the edge tasks",
                "IpProtocol",
                "udp",
                "FromPort",
                5024,
                "ToPort",
                5024),
            Map.of(
                "CidrIp",
                vpcCidr,
                "Description",
                "Health checks to the edge tasks",
                "IpProtocol",
                "tcp",
                "FromPort",
                8080,
                "ToPort",
                8080));
    aws.template().resourceCountIs("AWS::EC2::SecurityGroupEgress", 0);
  }

  @Test
  void tasksAdmitOnlyPulsesAndHealthChecksFromTheLoadBalancer() {
    Map<String, Object> group =
        TemplateQueries.properties(
            aws.template().findResources("AWS::EC2::SecurityGroup").get(taskGroup));
    assertThat(group).doesNotContainKey("SecurityGroupIngress");
    aws.template()
        .resourcePropertiesCountIs(
            "AWS::EC2::SecurityGroupIngress", Map.of("GroupId", getAtt(taskGroup, "GroupId")), 2);
    for (Object[] rule : new Object[][] {{"udp", 5024}, {"tcp", 8080}}) {
      aws.template()
          .hasResourceProperties(
              "AWS::EC2::SecurityGroupIngress",
              Map.of(
                  "GroupId", getAtt(taskGroup, "GroupId"),
                  "SourceSecurityGroupId", getAtt(nlbGroup, "GroupId"),
                  "IpProtocol", rule[0],
                  "FromPort", rule[1],
                  "ToPort", rule[1]));
    }
  }

  @Test
  void vpcSpansTwoZonesWithADynamoDbGatewayEndpointAndNoNatByDefault() {
    aws.template().resourceCountIs("AWS::EC2::Subnet", 2);
    aws.template().resourceCountIs("AWS::EC2::NatGateway", 0);
    aws.template()
        .hasResourceProperties(
            "AWS::EC2::VPCEndpoint",
            Match.objectLike(
                Map.of(
                    "VpcEndpointType",
                    "Gateway",
                    "ServiceName",
                    Map.of(
                        "Fn::Join",
                        List.of(
                            "",
                            List.of(
                                "com.amazonaws.", Map.of("Ref", "AWS::Region"), ".dynamodb"))))));
  }

  @Test
  void securityGroupObjectsAreTheOnesTheServiceUses() {
    assertThat(edge.service().getConnections().getSecurityGroups())
        .extracting(SecurityGroup.class::cast)
        .containsExactly(edge.serviceSecurityGroup());
  }
}
