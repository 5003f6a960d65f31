package dev.rendezvous.infra;

import static dev.rendezvous.infra.TemplateQueries.getAtt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.infra.SynthesizedStacks.Synthesized;
import dev.rendezvous.infra.construct.ServiceNetwork;
import dev.rendezvous.infra.construct.UdpEdgeService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.SecurityGroup;

/**
 * The service network, rule by rule: the load balancer admits pulses from any address of either
 * family and sends only pulses and health checks into the VPC; the edge tasks admit those from the
 * load balancer only and the internal API from the API function only; the API function admits
 * nothing and reaches only that port and DynamoDB's prefix list; its subnets route nowhere but
 * inside the VPC and to the DynamoDB gateway endpoint.
 */
class ServiceNetworkTest {
  private final Synthesized aws = SynthesizedStacks.aws();
  private final ServiceNetwork network =
      (ServiceNetwork) aws.stack().getNode().findChild("Network");
  private final String nlbGroup = aws.logicalId(network.securityGroups().loadBalancer());
  private final String taskGroup = aws.logicalId(network.securityGroups().edgeTasks());
  private final String functionGroup = aws.logicalId(network.securityGroups().apiFunction());
  private final String vpc = aws.logicalId(network.vpc());

  @Test
  void loadBalancerAdmitsThePulsePortFromAnyAddressOfEitherFamilyAndNothingElse() {
    assertThat(group(nlbGroup).get("SecurityGroupIngress"))
        .isEqualTo(
            List.of(
                udp5024("CidrIp", "0.0.0.0/0", "Pulses from anywhere (IPv4)"),
                udp5024("CidrIpv6", "::/0", "Pulses from anywhere (IPv6)")));
    aws.template()
        .resourcePropertiesCountIs(
            "AWS::EC2::SecurityGroupIngress", Map.of("GroupId", getAtt(nlbGroup, "GroupId")), 0);
  }

  @Test
  void loadBalancerSendsOnlyPulsesAndHealthChecksIntoTheVpcOverBothFamilies() {
    Map<String, Object> ipv4 = getAtt(vpc, "CidrBlock");
    Map<String, Object> ipv6 = Map.of("Fn::Select", List.of(0, getAtt(vpc, "Ipv6CidrBlocks")));
    // Inline egress rules replace the default allow-all rule of a new group.
    assertThat(TemplateQueries.asList(group(nlbGroup).get("SecurityGroupEgress")))
        .containsExactlyInAnyOrder(
            rule("CidrIp", ipv4, "udp", 5024, "Pulses to the edge tasks"),
            rule("CidrIp", ipv4, "tcp", 8080, "Health checks to the edge tasks"),
            rule("CidrIpv6", ipv6, "udp", 5024, "Pulses to the edge tasks"),
            rule("CidrIpv6", ipv6, "tcp", 8080, "Health checks to the edge tasks"));
  }

  @Test
  void edgeTasksAdmitTheLoadBalancersPulsesAndChecksAndTheApiFunctionsInternalCallsOnly() {
    assertThat(group(taskGroup)).doesNotContainKey("SecurityGroupIngress");
    List<Map<String, Object>> ingress =
        resourcesOfGroup("AWS::EC2::SecurityGroupIngress", taskGroup);
    assertThat(ingress)
        .extracting(
            r ->
                List.of(
                    r.get("SourceSecurityGroupId"),
                    r.get("IpProtocol"),
                    r.get("FromPort"),
                    r.get("ToPort")))
        .containsExactlyInAnyOrder(
            List.of(getAtt(nlbGroup, "GroupId"), "udp", 5024, 5024),
            List.of(getAtt(nlbGroup, "GroupId"), "tcp", 8080, 8080),
            List.of(getAtt(functionGroup, "GroupId"), "tcp", 5027, 5027));
  }

  @Test
  void apiFunctionAdmitsNothingAndReachesOnlyTheInternalApiAndDynamoDb() {
    Map<String, Object> group = group(functionGroup);
    assertThat(group).doesNotContainKey("SecurityGroupIngress");
    assertThat(resourcesOfGroup("AWS::EC2::SecurityGroupIngress", functionGroup)).isEmpty();
    // Inline, so CloudFormation adds no default allow-all egress rule to the group.
    assertThat(group.get("SecurityGroupEgress"))
        .isEqualTo(
            List.of(
                rule(
                    "DestinationPrefixListId",
                    getAtt(prefixListLookup(), "PrefixLists.0.PrefixListId"),
                    "tcp",
                    443,
                    "DynamoDB through the gateway endpoint")));
    List<Map<String, Object>> egress =
        resourcesOfGroup("AWS::EC2::SecurityGroupEgress", functionGroup);
    assertThat(egress)
        .containsExactly(
            Map.of(
                "GroupId",
                getAtt(functionGroup, "GroupId"),
                "DestinationSecurityGroupId",
                getAtt(taskGroup, "GroupId"),
                "IpProtocol",
                "tcp",
                "FromPort",
                5027,
                "ToPort",
                5027,
                "Description",
                "Internal API of the edge tasks"));
    aws.template().resourceCountIs("AWS::EC2::SecurityGroupEgress", 1);
  }

  @Test
  void theDynamoDbPrefixListIsLookedUpByNameInTheStacksRegionWithOneReadOnlyAction() {
    Map<String, Object> lookup =
        TemplateQueries.properties(
            aws.template().findResources("Custom::AWS").get(prefixListLookup()));
    for (String call : List.of("Create", "Update")) {
      assertThat(sdkCall(lookup.get(call)))
          .isEqualTo(
              Map.of(
                  "service", "EC2",
                  "action", "DescribePrefixLists",
                  "parameters",
                      Map.of(
                          "Filters",
                          List.of(
                              Map.of(
                                  "Name",
                                  "prefix-list-name",
                                  "Values",
                                  List.of("com.amazonaws.<region>.dynamodb")))),
                  "outputPaths", List.of("PrefixLists.0.PrefixListId"),
                  "physicalResourceId", Map.of("id", "com.amazonaws.<region>.dynamodb")));
    }
    aws.template().resourceCountIs("Custom::AWS", 1);
    aws.has(
        "AWS::IAM::Policy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                List.of(
                    Map.of(
                        "Action", "ec2:DescribePrefixLists",
                        "Effect", "Allow",
                        "Resource", "*")),
                "Version",
                "2012-10-17")));
  }

  @Test
  void functionSubnetsRouteOnlyInsideTheVpcAndToTheDynamoDbEndpoint() {
    List<ISubnet> isolated = network.vpc().selectSubnets(network.functionSubnets()).getSubnets();
    assertThat(isolated).hasSize(2);
    List<Object> routeTables = new ArrayList<>();
    for (ISubnet subnet : isolated) {
      Object routeTable = aws.stack().resolve(subnet.getRouteTable().getRouteTableId());
      routeTables.add(routeTable);
      aws.template()
          .resourcePropertiesCountIs("AWS::EC2::Route", Map.of("RouteTableId", routeTable), 0);
    }
    Map<String, Object> endpoint =
        TemplateQueries.onlyProperties(aws.template(), "AWS::EC2::VPCEndpoint");
    assertThat(endpoint).containsEntry("VpcEndpointType", "Gateway");
    assertThat(endpoint.get("ServiceName"))
        .isEqualTo(
            Map.of(
                "Fn::Join",
                List.of("", List.of("com.amazonaws.", Map.of("Ref", "AWS::Region"), ".dynamodb"))));
    // Every subnet's route table: the functions' and the public ones (edge tasks, NLB).
    assertThat(TemplateQueries.asList(endpoint.get("RouteTableIds")))
        .hasSize(4)
        .containsAll(routeTables);
    aws.template().resourceCountIs("AWS::EC2::NatGateway", 0);
    aws.template().resourceCountIs("AWS::EC2::EgressOnlyInternetGateway", 0);
  }

  @Test
  void vpcIsDualStackOverTwoZonesAndThePublicSubnetsRouteBothFamiliesToTheInternet() {
    aws.template().resourceCountIs("AWS::EC2::Subnet", 4);
    aws.template()
        .hasResourceProperties(
            "AWS::EC2::VPCCidrBlock",
            Map.of("AmazonProvidedIpv6CidrBlock", true, "VpcId", Map.of("Ref", vpc)));
    for (ISubnet subnet : network.vpc().getPublicSubnets()) {
      Object routeTable = aws.stack().resolve(subnet.getRouteTable().getRouteTableId());
      aws.has(
          "AWS::EC2::Route",
          Map.of("RouteTableId", routeTable, "DestinationCidrBlock", "0.0.0.0/0"));
      aws.has(
          "AWS::EC2::Route",
          Map.of("RouteTableId", routeTable, "DestinationIpv6CidrBlock", "::/0"));
    }
  }

  @Test
  void securityGroupObjectsAreTheOnesTheServicesUse() {
    UdpEdgeService edge = (UdpEdgeService) aws.stack().getNode().findChild("Edge");
    assertThat(edge.service().getConnections().getSecurityGroups())
        .extracting(SecurityGroup.class::cast)
        .containsExactly(network.securityGroups().edgeTasks());
    assertThat(aws.stack().functions().apiFunction().getConnections().getSecurityGroups())
        .extracting(SecurityGroup.class::cast)
        .containsExactly(network.securityGroups().apiFunction());
  }

  private Map<String, Object> group(String logicalId) {
    return TemplateQueries.properties(
        aws.template().findResources("AWS::EC2::SecurityGroup").get(logicalId));
  }

  private List<Map<String, Object>> resourcesOfGroup(String type, String groupLogicalId) {
    return aws.template().findResources(type).values().stream()
        .map(TemplateQueries::properties)
        .filter(p -> getAtt(groupLogicalId, "GroupId").equals(p.get("GroupId")))
        .toList();
  }

  /** The SDK call of a Custom::AWS resource: a Fn::Join of JSON around the stack's region. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> sdkCall(Object joined) {
    List<Object> parts =
        (List<Object>) ((List<Object>) ((Map<String, Object>) joined).get("Fn::Join")).get(1);
    StringBuilder json = new StringBuilder();
    for (Object part : parts) {
      json.append(part.equals(Map.of("Ref", "AWS::Region")) ? "<region>" : part);
    }
    try {
      return new ObjectMapper().readValue(json.toString(), new TypeReference<>() {});
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  private String prefixListLookup() {
    return aws.template().findResources("Custom::AWS").keySet().iterator().next();
  }

  private static Map<String, Object> udp5024(String key, String cidr, String description) {
    return rule(key, cidr, "udp", 5024, description);
  }

  private static Map<String, Object> rule(
      String key, Object cidr, String protocol, int port, String description) {
    return Map.of(
        key,
        cidr,
        "Description",
        description,
        "IpProtocol",
        protocol,
        "FromPort",
        port,
        "ToPort",
        port);
  }
}
