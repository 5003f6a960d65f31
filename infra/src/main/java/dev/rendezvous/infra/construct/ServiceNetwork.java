package dev.rendezvous.infra.construct;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpoint;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IpProtocol;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The service's network: a VPC over two zones, a DynamoDB gateway endpoint routed from every
 * subnet, a flow log of rejected traffic, and the security groups ({@link ServiceSecurityGroups}).
 *
 * <pre>
 * Public subnets    NLB; edge tasks with public IPv4 (natGateways = 0)   IGW: 0.0.0.0/0, ::/0
 * Private subnets   edge tasks behind NAT gateways (natGateways = 1..2)  only when asked
 * Functions subnets the API function's network interfaces                isolated: local routes and
 *                                                                        the DynamoDB endpoint only
 * </pre>
 *
 * <p>Dual-stack (the default) gives the VPC an Amazon-provided IPv6 block and every subnet a /64,
 * so edge tasks get an IPv6 address next to their IPv4 one and the load balancer can reach each
 * family's clients' flows without translation. The isolated subnets have no route out at all: the
 * API function reaches only the edge tasks (inside the VPC) and DynamoDB (through the free gateway
 * endpoint), so no NAT gateway and no paid interface endpoint exists. Lambda refuses a function in
 * a public subnet (it would get no public address), hence subnets of their own.
 */
public final class ServiceNetwork extends Construct {
  /** The name of the isolated subnet group of the API function. */
  public static final String FUNCTIONS_SUBNETS = "Functions";

  private final Vpc vpc;
  private final boolean dualStack;
  private final boolean publicTasks;
  private final GatewayVpcEndpoint dynamoDb;
  private final ServiceSecurityGroups securityGroups;

  public ServiceNetwork(Construct scope, String id, ServiceNetworkProps props) {
    super(scope, id);
    this.dualStack = props.dualStack();
    this.publicTasks = props.natGateways() == 0;
    List<SubnetConfiguration> subnets = new ArrayList<>();
    subnets.add(subnet("Public", SubnetType.PUBLIC));
    if (!publicTasks) {
      subnets.add(subnet("Private", SubnetType.PRIVATE_WITH_EGRESS));
    }
    // Last, so that adding it never moves the CIDR blocks of the subnets above.
    subnets.add(subnet(FUNCTIONS_SUBNETS, SubnetType.PRIVATE_ISOLATED));
    this.vpc =
        Vpc.Builder.create(this, "Vpc")
            .maxAzs(2)
            .natGateways(props.natGateways())
            .ipProtocol(dualStack ? IpProtocol.DUAL_STACK : IpProtocol.IPV4_ONLY)
            .subnetConfiguration(subnets)
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
                        .retention(props.logRetention())
                        .removalPolicy(RemovalPolicy.DESTROY)
                        .build()))
            .build());
    // Routed from every subnet: the API function's only way out of the VPC, and the edge tasks'
    // way to the table without NAT processing.
    this.dynamoDb =
        vpc.addGatewayEndpoint(
            "DynamoDb",
            GatewayVpcEndpointOptions.builder()
                .service(GatewayVpcEndpointAwsService.DYNAMODB)
                .build());
    this.securityGroups =
        new ServiceSecurityGroups(
            this,
            "SecurityGroups",
            vpc,
            props,
            new DynamoDbPrefixList(this, "DynamoDbPrefixList", props.logRetention()));
  }

  private static SubnetConfiguration subnet(String name, SubnetType type) {
    return SubnetConfiguration.builder().name(name).subnetType(type).cidrMask(24).build();
  }

  public Vpc vpc() {
    return vpc;
  }

  public boolean dualStack() {
    return dualStack;
  }

  /** True when the edge tasks run in the public subnets with public IPv4 addresses. */
  public boolean publicTasks() {
    return publicTasks;
  }

  public SubnetSelection edgeTaskSubnets() {
    return SubnetSelection.builder()
        .subnetType(publicTasks ? SubnetType.PUBLIC : SubnetType.PRIVATE_WITH_EGRESS)
        .build();
  }

  public SubnetSelection loadBalancerSubnets() {
    return SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build();
  }

  public SubnetSelection functionSubnets() {
    return SubnetSelection.builder().subnetGroupName(FUNCTIONS_SUBNETS).build();
  }

  public GatewayVpcEndpoint dynamoDbEndpoint() {
    return dynamoDb;
  }

  public ServiceSecurityGroups securityGroups() {
    return securityGroups;
  }
}
