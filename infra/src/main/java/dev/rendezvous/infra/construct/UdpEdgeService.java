package dev.rendezvous.infra.construct;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.SecurityGroup;
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
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.elasticloadbalancingv2.NetworkLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.NetworkTargetGroup;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The UDP edge: an ECS Fargate service running the image built from the edge's Dockerfile, in the
 * {@link ServiceNetwork}, behind an internet-facing Network Load Balancer ({@link
 * EdgeLoadBalancer}).
 *
 * <pre>
 * client --UDP 5024--> NLB (dual-stack; one target group per address family, client IP preserved)
 *                       |  health check HTTP :8080/health (each family's own)
 *                       v
 *                      Fargate tasks (IPv4 + IPv6 address; UDP 5024 and TCP 8080 from the NLB only,
 *                       |  TCP 5027 internal API from the API function only)
 *                       v
 *                      DynamoDB (through the gateway endpoint): the directory, own task items
 * </pre>
 *
 * <p>Client IP preservation is what makes the service work at all: the edge records the address and
 * port the client's NAT gave it, and those must be the client's, not the load balancer's. NLB
 * health checks cannot be UDP, so the edge serves HTTP on its health port.
 *
 * <p>Deployments replace tasks a few at a time (at most half of them per step: maximum 150 %,
 * minimum healthy 100 %) so that the clients of replaced tasks re-home in portions; ECS deregisters
 * a task, waits the target groups' deregistration delay, then sends SIGTERM, and the edge drains
 * within its {@value #DRAIN_SECONDS} s, well inside the {@value #STOP_TIMEOUT_SECONDS} s ECS waits
 * before SIGKILL.
 */
public final class UdpEdgeService extends Construct {
  public static final String CONTAINER_NAME = "udp-edge";
  public static final String HEALTH_PATH = EdgeLoadBalancer.HEALTH_PATH;

  /** The value of the {@code Service} dimension on every metric the edge publishes. */
  public static final String METRICS_SERVICE = "udp-edge";

  public static final String METRICS_NAMESPACE = "Rendezvous";

  /** How long the edge waits for in-flight storage calls on SIGTERM (it sets its heartbeat). */
  public static final int DRAIN_SECONDS = 10;

  /** SIGTERM to SIGKILL: the drain plus closing the sockets, the internal API and the SDK. */
  public static final int STOP_TIMEOUT_SECONDS = 30;

  /** Deployments never run fewer healthy tasks than the desired count. */
  public static final int MIN_HEALTHY_PERCENT = 100;

  private final int minTasks;
  private final int maxTasks;
  private final ServiceNetwork network;
  private final Cluster cluster;
  private final Role taskRole;
  private final FargateService service;
  private final EdgeLoadBalancer loadBalancer;

  public UdpEdgeService(Construct scope, String id, UdpEdgeServiceProps props) {
    super(scope, id);
    this.minTasks = props.minTasks();
    this.maxTasks = props.maxTasks();
    this.network = props.network();
    EdgePorts ports = props.ports();

    this.taskRole =
        Role.Builder.create(this, "TaskRole")
            .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
            .description("Rendezvous edge: the directory, its own items, metrics to its namespace")
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
                    port(ports.udp(), software.amazon.awscdk.services.ecs.Protocol.UDP),
                    port(ports.health(), software.amazon.awscdk.services.ecs.Protocol.TCP),
                    port(ports.internal(), software.amazon.awscdk.services.ecs.Protocol.TCP)))
            .logging(
                LogDriver.awsLogs(
                    AwsLogDriverProps.builder().logGroup(logs).streamPrefix("edge").build()))
            .stopTimeout(Duration.seconds(STOP_TIMEOUT_SECONDS))
            .build());

    this.cluster =
        Cluster.Builder.create(this, "Cluster")
            .vpc(network.vpc())
            .containerInsightsV2(ContainerInsights.ENABLED)
            .build();
    // No desiredCount: CloudFormation then starts a new service with one task (the scalable target
    // lifts it to minTasks at once) and leaves the count alone on every later update, so a deploy
    // never undoes what scaling chose.
    this.service =
        FargateService.Builder.create(this, "Service")
            .cluster(cluster)
            .taskDefinition(taskDefinition)
            .minHealthyPercent(MIN_HEALTHY_PERCENT)
            .maxHealthyPercent(maxPercent(props.minTasks()))
            .assignPublicIp(network.publicTasks())
            .vpcSubnets(network.edgeTaskSubnets())
            .securityGroups(List.of(network.securityGroups().edgeTasks()))
            .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
            .healthCheckGracePeriod(Duration.seconds(60))
            .build();
    EdgeScaling.attach(service, props);
    this.loadBalancer = new EdgeLoadBalancer(this, "Balancer", network, service, ports);
    acknowledgeFindings(taskDefinition);
  }

  /**
   * The smallest maximum percent with which ECS (which rounds the maximum down) may run one task
   * more than {@code minTasks}: exactly one extra at the minimum count, so a deployment always
   * progresses and replaces few tasks at once (2 tasks: 150 %; 4: 125 %; 10: 110 %).
   */
  public static int maxPercent(int minTasks) {
    return (int) Math.ceil(100.0 * (minTasks + 1) / minTasks);
  }

  private static PortMapping port(int port, software.amazon.awscdk.services.ecs.Protocol protocol) {
    return PortMapping.builder().containerPort(port).protocol(protocol).build();
  }

  private void acknowledgeFindings(FargateTaskDefinition taskDefinition) {
    Acknowledge.finding(
        taskDefinition,
        "AwsSolutions-ECS2",
        "The variables are configuration only (table name, ports, timings, limits, region); the"
            + " edge receives no secret, and its AWS credentials come from the task role.");
    Acknowledge.finding(
        loadBalancer.loadBalancer(),
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

  public ServiceNetwork network() {
    return network;
  }

  public SecurityGroup loadBalancerSecurityGroup() {
    return network.securityGroups().loadBalancer();
  }

  public SecurityGroup serviceSecurityGroup() {
    return network.securityGroups().edgeTasks();
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
    return loadBalancer.loadBalancer();
  }

  /** One target group per address family the service answers: IPv4 first. */
  public List<NetworkTargetGroup> targetGroups() {
    return loadBalancer.targetGroups();
  }
}
