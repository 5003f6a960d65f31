package dev.rendezvous.infra;

import static dev.rendezvous.infra.TemplateQueries.getAtt;
import static dev.rendezvous.infra.TemplateQueries.onlyProperties;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.infra.SynthesizedStacks.Synthesized;
import dev.rendezvous.infra.construct.EdgeScaling;
import dev.rendezvous.infra.construct.UdpEdgeService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/**
 * The edge's service and tasks: the NLB has its own security group (without it the flag {@code
 * networkLoadBalancerWithSecurityGroupByDefault} in cdk.json would leave a group that drops
 * everything), the service registers in every target group, replaces tasks a few at a time, rolls
 * back failed deployments and scales; the task carries the live-state settings. The load balancer's
 * families and rules: {@link EdgeLoadBalancerTest}.
 */
class UdpEdgeTest {
  private final Synthesized aws = SynthesizedStacks.aws();
  private final UdpEdgeService edge = (UdpEdgeService) aws.stack().getNode().findChild("Edge");
  private final String nlbGroup = aws.logicalId(edge.loadBalancerSecurityGroup());
  private final String taskGroup = aws.logicalId(edge.serviceSecurityGroup());

  @Test
  void loadBalancerIsInternetFacingWithItsOwnSecurityGroup() {
    aws.has(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        Map.of(
            "Type", "network",
            "Scheme", "internet-facing",
            "SecurityGroups", List.of(getAtt(nlbGroup, "GroupId"))));
  }

  @Test
  void serviceReplacesAtMostHalfItsTasksPerStepRollsBackAndRegistersInEveryTargetGroup() {
    List<Object> registrations = new java.util.ArrayList<>();
    for (var group : edge.targetGroups()) {
      registrations.add(
          Map.of(
              "ContainerName",
              "udp-edge",
              "ContainerPort",
              5024,
              "TargetGroupArn",
              Map.of("Ref", aws.logicalId(group))));
    }
    assertThat(registrations).hasSize(2);
    aws.has(
        "AWS::ECS::Service",
        Map.of(
            "LaunchType", "FARGATE",
            "DesiredCount", Match.absent(),
            "DeploymentConfiguration",
                Map.of(
                    "DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true),
                    "MinimumHealthyPercent", 100,
                    "MaximumPercent", 150),
            "LoadBalancers", registrations,
            "NetworkConfiguration",
                TemplateQueries.awsvpc(
                    Map.of(
                        "AssignPublicIp",
                        "ENABLED",
                        "SecurityGroups",
                        List.of(getAtt(taskGroup, "GroupId"))))));
  }

  @Test
  void atTheMinimumCountADeploymentStartsExactlyOneExtraTask() {
    // ECS rounds the maximum percent down and the minimum healthy percent up.
    for (int minTasks = 1; minTasks <= 100; minTasks++) {
      int percent = UdpEdgeService.maxPercent(minTasks);
      assertThat(minTasks * percent / 100)
          .as("%d tasks at %d %%", minTasks, percent)
          .isEqualTo(minTasks + 1);
    }
    assertThat(UdpEdgeService.maxPercent(2)).isEqualTo(150);
    assertThat(UdpEdgeService.maxPercent(10)).isEqualTo(110);
  }

  @Test
  void theEdgeDrainsWellWithinTheStopTimeout() {
    Map<String, Object> task = onlyProperties(aws.template(), "AWS::ECS::TaskDefinition");
    Map<?, ?> container = (Map<?, ?>) ((List<?>) task.get("ContainerDefinitions")).get(0);
    assertThat(container.get("StopTimeout")).isEqualTo(UdpEdgeService.STOP_TIMEOUT_SECONDS);
    assertThat(TemplateQueries.asList(container.get("Environment")))
        .contains(env("RENDEZVOUS_EDGE_DRAIN_SECONDS", "10"));
    // Drain, then closing sockets, the internal API and the SDK: at least 10 s to spare.
    assertThat(UdpEdgeService.DRAIN_SECONDS + 10)
        .isLessThanOrEqualTo(UdpEdgeService.STOP_TIMEOUT_SECONDS);
  }

  @Test
  void serviceScalesOnCpuInFlightPulsesAndOwnedClientsBetweenTwoAndTenTasks() {
    aws.has(
        "AWS::ApplicationAutoScaling::ScalableTarget",
        Map.of(
            "MinCapacity",
            2,
            "MaxCapacity",
            10,
            "ScalableDimension",
            "ecs:service:DesiredCount",
            "ServiceNamespace",
            "ecs"));
    targetTracking(
        Map.of(
            "TargetValue",
            50,
            "PredefinedMetricSpecification",
            Map.of("PredefinedMetricType", "ECSServiceAverageCPUUtilization")));
    targetTracking(
        Map.of(
            "TargetValue",
            1024,
            "DisableScaleIn",
            true,
            "CustomizedMetricSpecification",
            edgeMetric("EdgeInFlight")));
    // 70 % of the 100,000 the task is told it may own.
    targetTracking(
        Map.of(
            "TargetValue",
            70000,
            "DisableScaleIn",
            true,
            "CustomizedMetricSpecification",
            edgeMetric("EdgeOwnedClients")));
    aws.template().resourceCountIs("AWS::ApplicationAutoScaling::ScalingPolicy", 3);
  }

  @Test
  void theInFlightTargetIsAQuarterOfTheBoundTheTaskIsGiven() {
    Map<String, Object> task = onlyProperties(aws.template(), "AWS::ECS::TaskDefinition");
    Map<?, ?> container = (Map<?, ?>) ((List<?>) task.get("ContainerDefinitions")).get(0);
    assertThat(TemplateQueries.asList(container.get("Environment")))
        .contains(env("RENDEZVOUS_EDGE_MAX_IN_FLIGHT", "4096"));
    assertThat(EdgeScaling.IN_FLIGHT_TARGET_PER_TASK * 4)
        .isEqualTo(EdgeScaling.MAX_IN_FLIGHT_PER_TASK);
  }

  @Test
  void clusterHasContainerInsights() {
    aws.has(
        "AWS::ECS::Cluster",
        Map.of(
            "ClusterSettings", List.of(Map.of("Name", "containerInsights", "Value", "enabled"))));
  }

  @Test
  void theImagesJvmFlagsSurviveTheTaskDefinition() throws IOException {
    String dockerfile =
        Files.readString(SynthesizedStacks.repositoryRoot().resolve("udp-edge/Dockerfile"));
    String entrypoint = dockerfile.substring(dockerfile.indexOf("ENTRYPOINT")).replace("\\\n", " ");
    assertThat(entrypoint)
        .contains("\"-XX:+ExitOnOutOfMemoryError\"")
        .contains("\"-XX:MaxRAMPercentage=75\"");
    // Nothing in the task replaces or reorders them: no JAVA_TOOL_OPTIONS, no command override.
    Map<String, Object> task = onlyProperties(aws.template(), "AWS::ECS::TaskDefinition");
    Map<?, ?> container = (Map<?, ?>) ((List<?>) task.get("ContainerDefinitions")).get(0);
    assertThat(container.containsKey("Command") || container.containsKey("EntryPoint")).isFalse();
    assertThat(TemplateQueries.asList(container.get("Environment")).toString())
        .doesNotContain("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");
  }

  @Test
  void containerRunsTheEdgeImageWithTheServiceEnvironmentOnX86() {
    String table = aws.logicalId(aws.stack().table().table());
    Map<String, Object> task = onlyProperties(aws.template(), "AWS::ECS::TaskDefinition");
    assertThat(task)
        .containsEntry("Cpu", "512")
        .containsEntry("Memory", "1024")
        .containsEntry("NetworkMode", "awsvpc")
        .containsEntry(
            "RuntimePlatform",
            Map.of("CpuArchitecture", "X86_64", "OperatingSystemFamily", "LINUX"))
        .containsEntry("TaskRoleArn", getAtt(aws.logicalId(edge.taskRole()), "Arn"));
    Map<?, ?> container = (Map<?, ?>) ((List<?>) task.get("ContainerDefinitions")).get(0);
    assertThat(container.get("Name")).isEqualTo("udp-edge");
    assertThat(container.get("Image").toString()).contains("container-assets");
    assertThat(TemplateQueries.asList(container.get("PortMappings")))
        .containsExactlyInAnyOrder(
            Map.of("ContainerPort", 5024, "Protocol", "udp"),
            Map.of("ContainerPort", 8080, "Protocol", "tcp"),
            Map.of("ContainerPort", 5027, "Protocol", "tcp"));
    assertThat(TemplateQueries.asList(container.get("Environment")))
        .containsExactlyInAnyOrder(
            env("RENDEZVOUS_PULSE_INTERVAL_SECONDS", "30"),
            env("RENDEZVOUS_ERROR_TIME_SECONDS", "180"),
            env("RENDEZVOUS_GRACE_SECONDS", "5"),
            env("RENDEZVOUS_TABLE", Map.of("Ref", table)),
            env("RENDEZVOUS_STORE", "dynamodb"),
            env("RENDEZVOUS_UDP_PORT", "5024"),
            env("RENDEZVOUS_HEALTH_PORT", "8080"),
            env("RENDEZVOUS_INTERNAL_PORT", "5027"),
            env("RENDEZVOUS_OWNER_TIMEOUT_MILLIS", "250"),
            env("RENDEZVOUS_BIND_ADDRESS", "::"),
            env("RENDEZVOUS_V1_ENABLED", "true"),
            env("RENDEZVOUS_V2_MAX_SKEW_SECONDS", "300"),
            env("RENDEZVOUS_EDGE_MAX_IN_FLIGHT", "4096"),
            env("RENDEZVOUS_EDGE_MAX_CLIENTS", "100000"),
            env("RENDEZVOUS_CHECKPOINT_INTERVALS", "10"),
            env("RENDEZVOUS_EDGE_TAKEOVER_RATE_PER_SECOND", "200"),
            env("RENDEZVOUS_EDGE_DRAIN_SECONDS", "10"),
            env("AWS_REGION", Map.of("Ref", "AWS::Region")));
  }

  @Test
  void imageAssetStagesTheEdgeDockerfileDirectory() throws IOException {
    Path dockerfile = SynthesizedStacks.repositoryRoot().resolve("udp-edge/Dockerfile");
    Path outdir = Path.of(aws.app().getOutdir());
    List<Path> stagedDockerfiles;
    try (Stream<Path> files = Files.list(outdir)) {
      stagedDockerfiles =
          files
              .filter(p -> p.getFileName().toString().startsWith("asset."))
              .map(p -> p.resolve("Dockerfile"))
              .filter(Files::isRegularFile)
              .toList();
    }
    assertThat(stagedDockerfiles).hasSize(1);
    assertThat(stagedDockerfiles.get(0)).hasSameTextualContentAs(dockerfile);
    assertThat(Files.readString(dockerfile))
        .contains("EXPOSE 5024/udp 8080/tcp")
        .contains("COPY target/rendezvous-udp-edge.jar")
        .contains("USER ");
    Map<String, Object> task = onlyProperties(aws.template(), "AWS::ECS::TaskDefinition");
    Map<?, ?> container = (Map<?, ?>) ((List<?>) task.get("ContainerDefinitions")).get(0);
    assertThat(container.get("Image").toString())
        .contains("container-assets")
        .contains(stagedDockerfiles.get(0).getParent().getFileName().toString().substring(6));
  }

  @Test
  void outputsNameTheLoadBalancerAndItsPort() {
    String nlb = aws.logicalId(edge.loadBalancer());
    aws.template()
        .hasOutput(
            RendezvousStack.OUTPUT_NLB_DNS,
            Match.objectLike(Map.of("Value", getAtt(nlb, "DNSName"))));
    aws.template()
        .hasOutput(RendezvousStack.OUTPUT_UDP_PORT, Match.objectLike(Map.of("Value", "5024")));
  }

  private static Map<String, Object> env(String name, Object value) {
    return Map.of("Name", name, "Value", value);
  }

  private void targetTracking(Map<String, ?> configuration) {
    aws.has(
        "AWS::ApplicationAutoScaling::ScalingPolicy",
        Map.of(
            "PolicyType",
            "TargetTrackingScaling",
            "TargetTrackingScalingPolicyConfiguration",
            Match.objectLike(configuration)));
  }

  /** The average of one of the edge's own metrics over its tasks. */
  private static Map<String, Object> edgeMetric(String name) {
    return Map.of(
        "Namespace",
        "Rendezvous",
        "MetricName",
        name,
        "Dimensions",
        List.of(Map.of("Name", "Service", "Value", "udp-edge")),
        "Statistic",
        "Average");
  }
}
