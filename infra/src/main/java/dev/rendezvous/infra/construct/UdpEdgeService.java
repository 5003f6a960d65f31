package dev.rendezvous.infra.construct;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LoadBalancerTargetOptions;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseNetworkListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.NetworkListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.NetworkLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.NetworkTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.Protocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The UDP edge: its network ({@link EdgeNetwork}), an ECS Fargate service running the image built
 * from the edge's Dockerfile, and an internet-facing Network Load Balancer in front of it.
 *
 * <pre>
 * client --UDP 5024--> NLB (security group: in UDP 5024 from anywhere; out to the VPC only)
 *                       |  target group UDP 5024, target type ip, client IP preserved
 *                       |  health check HTTP :8080/health
 *                       v
 *                      Fargate tasks (security group: UDP 5024 and TCP 8080 from the NLB's only)
 *                       |  dynamodb:UpdateItem, GetItem on the table
 *                       v
 *                      DynamoDB (through a gateway endpoint)
 * </pre>
 *
 * <p>Client IP preservation is what makes the service work at all: the edge records the address and
 * port the client's NAT gave it, and those must be the client's, not the load balancer's. NLB
 * health checks cannot be UDP, so the edge serves HTTP on its health port. The load balancer gets
 * an explicit security group (one can only be attached at creation); the CDK default for new NLBs
 * is a group with no ingress, which would drop every datagram.
 */
public final class UdpEdgeService extends Construct {
  public static final String CONTAINER_NAME = "udp-edge";
  public static final String HEALTH_PATH = "/health";

  /** The value of the {@code Service} dimension on every metric the edge publishes. */
  public static final String METRICS_SERVICE = "udp-edge";

  public static final String METRICS_NAMESPACE = "Rendezvous";

  private final int minTasks;
  private final int maxTasks;
  private final EdgeNetwork network;
  private final Cluster cluster;
  private final Role taskRole;
  private final FargateService service;
  private final NetworkLoadBalancer loadBalancer;
  private final NetworkTargetGroup targetGroup;

  public UdpEdgeService(Construct scope, String id, UdpEdgeServiceProps props) {
    super(scope, id);
    this.minTasks = props.minTasks();
    this.maxTasks = props.maxTasks();
    this.network =
        new EdgeNetwork(
            this,
            "Network",
            props.natGateways(),
            props.udpPort(),
            props.healthPort(),
            props.logRetention());
    Vpc vpc = network.vpc();

    this.taskRole =
        Role.Builder.create(this, "TaskRole")
            .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
            .description("Rendezvous edge: pulses to the table, metrics to its namespace")
            .build();
    props.table().grant(taskRole, TableAccess.EDGE);
    taskRole.addToPrincipalPolicy(putMetricDataStatement());

    FargateTaskDefinition taskDefinition =
        FargateTaskDefinition.Builder.create(this, "Task")
            .cpu(props.cpuUnits())
            .memoryLimitMiB(props.memoryMb())
            .taskRole(taskRole)
            // Netty's native epoll transport ships for linux-x86_64 only.
            .runtimePlatform(
                RuntimePlatform.builder()
                    .cpuArchitecture(CpuArchitecture.X86_64)
                    .operatingSystemFamily(OperatingSystemFamily.LINUX)
                    .build())
            .build();
    LogGroup logs =
        LogGroup.Builder.create(this, "Logs")
            .retention(props.logRetention())
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    taskDefinition.addContainer(
        "Edge",
        ContainerDefinitionOptions.builder()
            .containerName(CONTAINER_NAME)
            .image(
                ContainerImage.fromAsset(
                    props.dockerDirectory().toString(),
                    AssetImageProps.builder().platform(Platform.LINUX_AMD64).build()))
            .environment(props.environment())
            .portMappings(
                List.of(
                    PortMapping.builder()
                        .containerPort(props.udpPort())
                        .protocol(software.amazon.awscdk.services.ecs.Protocol.UDP)
                        .build(),
                    PortMapping.builder()
                        .containerPort(props.healthPort())
                        .protocol(software.amazon.awscdk.services.ecs.Protocol.TCP)
                        .build()))
            .logging(
                LogDriver.awsLogs(
                    AwsLogDriverProps.builder().logGroup(logs).streamPrefix("edge").build()))
            .stopTimeout(Duration.seconds(30))
            .build());

    this.cluster =
        Cluster.Builder.create(this, "Cluster")
            .vpc(vpc)
            .containerInsightsV2(ContainerInsights.ENABLED)
            .build();
    // No desiredCount: CloudFormation then starts a new service with one task (the scalable target
    // below lifts it to minTasks at once) and leaves the count alone on every later update, so a
    // deploy never undoes what scaling chose.
    this.service =
        FargateService.Builder.create(this, "Service")
            .cluster(cluster)
            .taskDefinition(taskDefinition)
            .minHealthyPercent(100)
            .maxHealthyPercent(200)
            .assignPublicIp(network.publicTasks())
            .vpcSubnets(network.taskSubnets())
            .securityGroups(List.of(network.serviceSecurityGroup()))
            .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
            .healthCheckGracePeriod(Duration.seconds(60))
            .build();
    EdgeScaling.attach(service, props.minTasks(), props.maxTasks(), props.cpuTargetPercent());

    this.loadBalancer =
        NetworkLoadBalancer.Builder.create(this, "LoadBalancer")
            .vpc(vpc)
            .internetFacing(true)
            .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build())
            .securityGroups(List.of(network.loadBalancerSecurityGroup()))
            .crossZoneEnabled(true)
            .build();
    this.targetGroup =
        NetworkTargetGroup.Builder.create(this, "Targets")
            .vpc(vpc)
            .port(props.udpPort())
            .protocol(Protocol.UDP)
            .targetType(TargetType.IP)
            .preserveClientIp(true)
            .deregistrationDelay(Duration.seconds(30))
            .healthCheck(
                HealthCheck.builder()
                    .protocol(Protocol.HTTP)
                    .port(Integer.toString(props.healthPort()))
                    .path(HEALTH_PATH)
                    .interval(Duration.seconds(10))
                    .healthyThresholdCount(2)
                    .unhealthyThresholdCount(2)
                    .build())
            .targets(
                List.of(
                    service.loadBalancerTarget(
                        LoadBalancerTargetOptions.builder()
                            .containerName(CONTAINER_NAME)
                            .containerPort(props.udpPort())
                            .protocol(software.amazon.awscdk.services.ecs.Protocol.UDP)
                            .build())))
            .build();
    NetworkListener listener =
        loadBalancer.addListener(
            "Udp",
            BaseNetworkListenerProps.builder()
                .port(props.udpPort())
                .protocol(Protocol.UDP)
                .build());
    listener.addTargetGroups("Edge", targetGroup);
    acknowledgeFindings(taskDefinition);
  }

  private void acknowledgeFindings(FargateTaskDefinition taskDefinition) {
    Acknowledge.finding(
        taskDefinition,
        "AwsSolutions-ECS2",
        "The variables are configuration only (table name, ports, timings, limits, region); the"
            + " edge receives no secret, and its AWS credentials come from the task role.");
    Acknowledge.finding(
        loadBalancer,
        "AwsSolutions-ELB2",
        "A Network Load Balancer writes access logs for TLS listeners only; this one has a single"
            + " UDP listener, so a log bucket would stay empty. The VPC flow log records rejected"
            + " traffic and the edge publishes its pulse and drop counts.");
    Acknowledge.finding(
        taskRole,
        "AwsSolutions-IAM5",
        "Resource::*",
        "cloudwatch:PutMetricData has no resource-level permissions; the statement is limited to"
            + " the Rendezvous namespace by the cloudwatch:namespace condition.");
    Acknowledge.finding(
        taskDefinition.obtainExecutionRole(),
        "AwsSolutions-IAM5",
        "Resource::*",
        "ecr:GetAuthorizationToken has no resource-level permissions (AWS requires *); image"
            + " pulls are limited to the stack's own asset repository.");
  }

  /**
   * PutMetricData has no resource-level permissions (AWS requires {@code *}); the condition keeps
   * the edge inside its own namespace.
   */
  private static PolicyStatement putMetricDataStatement() {
    return PolicyStatement.Builder.create()
        .effect(Effect.ALLOW)
        .actions(List.of("cloudwatch:PutMetricData"))
        .resources(List.of("*"))
        .conditions(Map.of("StringEquals", Map.of("cloudwatch:namespace", METRICS_NAMESPACE)))
        .build();
  }

  public Vpc vpc() {
    return network.vpc();
  }

  public SecurityGroup loadBalancerSecurityGroup() {
    return network.loadBalancerSecurityGroup();
  }

  public SecurityGroup serviceSecurityGroup() {
    return network.serviceSecurityGroup();
  }

  public Role taskRole() {
    return taskRole;
  }

  public int minTasks() {
    return minTasks;
  }

  public int maxTasks() {
    return maxTasks;
  }

  public Cluster cluster() {
    return cluster;
  }

  public FargateService service() {
    return service;
  }

  public NetworkLoadBalancer loadBalancer() {
    return loadBalancer;
  }

  public NetworkTargetGroup targetGroup() {
    return targetGroup;
  }
}
