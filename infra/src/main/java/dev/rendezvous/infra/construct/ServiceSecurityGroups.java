package dev.rendezvous.infra.construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;
import software.amazon.awscdk.services.ec2.IPeer;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.Vpc;
import software.constructs.Construct;

/**
 * The three security groups and every path between them; nothing else is open.
 *
 * <pre>
 * internet --UDP pulses--> load balancer --UDP pulses, TCP health--> edge tasks
 *                                                                       ^
 * API function --TCP internal API (HMAC-signed)-------------------------+
 * API function --HTTPS--> DynamoDB prefix list (through the gateway endpoint)
 * </pre>
 *
 * <p>The load balancer's group admits the pulse port from any IPv4 (and, dual-stack, IPv6) address
 * and sends only pulses and health checks into the VPC, as inline rules (which also replace a new
 * group's allow-all egress). The edge tasks admit pulses and health checks only from the load
 * balancer's group (AWS documents that this admits the preserved client addresses too) and the
 * internal API only from the API function's group. The API function's group admits nothing and may
 * open only the internal API port on the edge tasks and HTTPS to DynamoDB.
 */
public final class ServiceSecurityGroups extends Construct {
  private final SecurityGroup loadBalancer;
  private final SecurityGroup edgeTasks;
  private final SecurityGroup apiFunction;

  ServiceSecurityGroups(
      Construct scope, String id, Vpc vpc, ServiceNetworkProps props, DynamoDbPrefixList dynamoDb) {
    super(scope, id);
    EdgePorts ports = props.ports();
    this.loadBalancer =
        SecurityGroup.Builder.create(this, "LoadBalancer")
            .vpc(vpc)
            .description("Rendezvous NLB: pulses in on UDP " + ports.udp())
            .allowAllOutbound(false)
            .build();
    this.edgeTasks =
        SecurityGroup.Builder.create(this, "EdgeTasks")
            .vpc(vpc)
            .description("Rendezvous edge tasks: pulses and health checks from the NLB only")
            .allowAllOutbound(true)
            .build();
    this.apiFunction =
        SecurityGroup.Builder.create(this, "ApiFunction")
            .vpc(vpc)
            .description("Rendezvous API function: edge internal API and DynamoDB only")
            .allowAllOutbound(false)
            .build();
    loadBalancerRules(vpc, props.dualStack(), ports);
    // Referencing the NLB's group admits the clients' preserved source addresses too (AWS docs:
    // "Update the security groups for your Network Load Balancer").
    edgeTasks.addIngressRule(loadBalancer, Port.udp(ports.udp()), "Pulses through the NLB");
    edgeTasks.addIngressRule(loadBalancer, Port.tcp(ports.health()), "NLB health checks");
    edgeTasks.addIngressRule(
        apiFunction, Port.tcp(ports.internal()), "Internal API from the API function");
    apiFunction.addEgressRule(
        edgeTasks, Port.tcp(ports.internal()), "Internal API of the edge tasks");
    httpsToDynamoDbInline(dynamoDb.prefixListId());
    Acknowledge.finding(
        loadBalancer,
        "AwsSolutions-EC23",
        "The service is public by design: clients pulse UDP "
            + ports.udp()
            + " from any address on the internet. Only that port is open, and the edge rate-limits"
            + " per source address before decoding anything.");
  }

  /**
   * HTTPS to DynamoDB's prefix list, written inline on the group: CDK would write a rule to a
   * prefix list known only at deploy time as a separate resource, and a group without any inline
   * egress rule gets EC2's default allow-all egress from CloudFormation.
   */
  private void httpsToDynamoDbInline(String prefixListId) {
    ((CfnSecurityGroup) apiFunction.getNode().getDefaultChild())
        .addPropertyOverride(
            "SecurityGroupEgress",
            List.of(
                Map.of(
                    "IpProtocol",
                    "tcp",
                    "FromPort",
                    443,
                    "ToPort",
                    443,
                    "DestinationPrefixListId",
                    prefixListId,
                    "Description",
                    "DynamoDB through the gateway endpoint")));
  }

  private void loadBalancerRules(Vpc vpc, boolean dualStack, EdgePorts ports) {
    loadBalancer.addIngressRule(
        Peer.anyIpv4(), Port.udp(ports.udp()), "Pulses from anywhere (IPv4)");
    List<IPeer> tasks = new ArrayList<>();
    tasks.add(Peer.ipv4(vpc.getVpcCidrBlock()));
    if (dualStack) {
      loadBalancer.addIngressRule(
          Peer.anyIpv6(), Port.udp(ports.udp()), "Pulses from anywhere (IPv6)");
      tasks.add(Peer.ipv6(Fn.select(0, vpc.getVpcIpv6CidrBlocks())));
    }
    // Egress only into the VPC, where only the edge tasks listen on these ports; health checks
    // obey the NLB's outbound rules, and the IPv6 target group checks over IPv6.
    for (IPeer peer : tasks) {
      loadBalancer.addEgressRule(peer, Port.udp(ports.udp()), "Pulses to the edge tasks");
      loadBalancer.addEgressRule(peer, Port.tcp(ports.health()), "Health checks to the edge tasks");
    }
  }

  public SecurityGroup loadBalancer() {
    return loadBalancer;
  }

  public SecurityGroup edgeTasks() {
    return edgeTasks;
  }

  public SecurityGroup apiFunction() {
    return apiFunction;
  }
}
