package dev.rendezvous.infra.construct;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IPeer;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The edge's network: a VPC over two zones with a DynamoDB gateway endpoint, a flow log of rejected
 * traffic, and the two security groups. The load balancer's group admits UDP pulses from anywhere
 * and sends only pulses and health checks into the VPC; the tasks' group admits only those two,
 * only from the load balancer's group (which, AWS documents, also admits the preserved client
 * source addresses).
 *
 * <p>With {@code natGateways = 0} the tasks run in the public subnets with public IPs (they need
 * egress to ECR, CloudWatch and DynamoDB, and a NAT gateway costs more than the addresses); with 1
 * or 2 they run in private subnets behind that many NAT gateways.
 */
public final class EdgeNetwork extends Construct {
  private final Vpc vpc;
  private final SubnetSelection taskSubnets;
  private final boolean publicTasks;
  private final SecurityGroup loadBalancerSecurityGroup;
  private final SecurityGroup serviceSecurityGroup;

  public EdgeNetwork(
      Construct scope,
      String id,
      int natGateways,
      int udpPort,
      int healthPort,
      RetentionDays logRetention) {
    super(scope, id);
    this.publicTasks = natGateways == 0;
    this.vpc =
        Vpc.Builder.create(this, "Vpc")
            .maxAzs(2)
            .natGateways(natGateways)
            .subnetConfiguration(
                publicTasks
                    ? List.of(subnet("Public", SubnetType.PUBLIC))
                    : List.of(
                        subnet("Public", SubnetType.PUBLIC),
                        subnet("Private", SubnetType.PRIVATE_WITH_EGRESS)))
            .build();
    // Rejected traffic only: what the security groups refuse is what an operator investigates;
    // accepted pulses are counted by the edge, and logging every client's flow would cost more
    // than the service (one record per client and interval).
    vpc.addFlowLog(
        "RejectedFlows",
        FlowLogOptions.builder()
            .trafficType(FlowLogTrafficType.REJECT)
            .destination(
                FlowLogDestination.toCloudWatchLogs(
                    LogGroup.Builder.create(this, "FlowLogs")
                        .retention(logRetention)
                        .removalPolicy(RemovalPolicy.DESTROY)
                        .build()))
            .build());
    // DynamoDB traffic stays on the AWS network and costs no NAT processing.
    vpc.addGatewayEndpoint(
        "DynamoDb",
        GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.DYNAMODB).build());
    this.taskSubnets =
        SubnetSelection.builder()
            .subnetType(publicTasks ? SubnetType.PUBLIC : SubnetType.PRIVATE_WITH_EGRESS)
            .build();

    this.loadBalancerSecurityGroup =
        SecurityGroup.Builder.create(this, "LoadBalancerSecurityGroup")
            .vpc(vpc)
            .description("Rendezvous NLB: pulses in on UDP " + udpPort)
            .allowAllOutbound(false)
            .build();
    this.serviceSecurityGroup =
        SecurityGroup.Builder.create(this, "ServiceSecurityGroup")
            .vpc(vpc)
            .description("Rendezvous edge tasks: pulses and health checks from the NLB only")
            .allowAllOutbound(true)
            .build();
    loadBalancerSecurityGroup.addIngressRule(
        Peer.anyIpv4(), Port.udp(udpPort), "Pulses from anywhere (IPv4)");
    // Egress as inline rules to the VPC (where only the edge tasks live): an inline rule is what
    // makes CloudFormation drop a new group's default allow-all egress rule.
    IPeer tasks = Peer.ipv4(vpc.getVpcCidrBlock());
    loadBalancerSecurityGroup.addEgressRule(tasks, Port.udp(udpPort), "Pulses to the edge tasks");
    loadBalancerSecurityGroup.addEgressRule(
        tasks, Port.tcp(healthPort), "Health checks to the edge tasks");
    // Referencing the NLB's group admits the clients' preserved source addresses too (AWS docs:
    // "Update the security groups for your Network Load Balancer").
    serviceSecurityGroup.addIngressRule(
        loadBalancerSecurityGroup, Port.udp(udpPort), "Pulses through the NLB");
    serviceSecurityGroup.addIngressRule(
        loadBalancerSecurityGroup, Port.tcp(healthPort), "NLB health checks");
    Acknowledge.finding(
        loadBalancerSecurityGroup,
        "AwsSolutions-EC23",
        "The service is public by design: clients pulse UDP "
            + udpPort
            + " from any address on the internet. Only that port is open, and the edge rate-limits"
            + " per source address before decoding anything.");
  }

  private static SubnetConfiguration subnet(String name, SubnetType type) {
    return SubnetConfiguration.builder().name(name).subnetType(type).cidrMask(24).build();
  }

  public Vpc vpc() {
    return vpc;
  }

  public SubnetSelection taskSubnets() {
    return taskSubnets;
  }

  public boolean publicTasks() {
    return publicTasks;
  }

  public SecurityGroup loadBalancerSecurityGroup() {
    return loadBalancerSecurityGroup;
  }

  public SecurityGroup serviceSecurityGroup() {
    return serviceSecurityGroup;
  }
}
