package dev.rendezvous.infra;

import static dev.rendezvous.infra.TemplateQueries.getAtt;
import static dev.rendezvous.infra.TemplateQueries.onlyProperties;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.infra.SynthesizedStacks.Synthesized;
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
 * The edge: the NLB's own security group admits UDP 5024 (without it the flag {@code
 * networkLoadBalancerWithSecurityGroupByDefault} in cdk.json would leave a group that drops
 * everything), the tasks admit only the NLB, the target group preserves client addresses and is
 * health-checked over HTTP, and the service rolls back failed deployments and scales.
 */
class UdpEdgeTest {
  private final Synthesized aws = SynthesizedStacks.aws();
  private final UdpEdgeService edge = (UdpEdgeService) aws.stack().getNode().findChild("Edge");
  private final String nlbGroup = aws.logicalId(edge.loadBalancerSecurityGroup());
  private final String taskGroup = aws.logicalId(edge.serviceSecurityGroup());

  @Test
  void loadBalancerIsInternetFacingWithItsOwnSecurityGroup() {
    aws.template()
        .hasResourceProperties(
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            Match.objectLike(
                Map.of(
                    "Type", "network",
                    "Scheme", "internet-facing",
                    "SecurityGroups", List.of(getAtt(nlbGroup, "GroupId")))));
  }

  @Test
  void listenerForwardsUdp5024ToTheTargetGroup() {
    String targets = aws.logicalId(edge.targetGroup());
    aws.template()
        .hasResourceProperties(
            "AWS::ElasticLoadBalancingV2::Listener",
            Map.of(
                "Port",
                5024,
                "Protocol",
                "UDP",
                "DefaultActions",
                List.of(Map.of("Type", "forward", "TargetGroupArn", Map.of("Ref", targets)))));
  }

  @Test
  void targetGroupIsUdpByIpWithClientIpPreservedAndAnHttpHealthCheck() {
    Map<String, Object> group =
        onlyProperties(aws.template(), "AWS::ElasticLoadBalancingV2::TargetGroup");
    assertThat(group)
        .containsEntry("Protocol", "UDP")
        .containsEntry("Port", 5024)
        .containsEntry("TargetType", "ip")
        .containsEntry("HealthCheckProtocol", "HTTP")
        .containsEntry("HealthCheckPort", "8080")
        .containsEntry("HealthCheckPath", "/health");
    assertThat(TemplateQueries.asList(group.get("TargetGroupAttributes")))
        .contains(Map.of("Key", "preserve_client_ip.enabled", "Value", "true"));
  }

  @Test
  void serviceRollsBackFailedDeploymentsAndRegistersTheUdpPort() {
    String targets = aws.logicalId(edge.targetGroup());
    aws.template()
        .hasResourceProperties(
            "AWS::ECS::Service",
            Match.objectLike(
                Map.of(
                    "LaunchType", "FARGATE",
                    "DesiredCount", 2,
                    "DeploymentConfiguration",
                        Map.of(
                            "DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true),
                            "MinimumHealthyPercent", 100,
                            "MaximumPercent", 200),
                    "LoadBalancers",
                        List.of(
                            Map.of(
                                "ContainerName",
                                "udp-edge",
                                "ContainerPort",
                                5024,
                                "TargetGroupArn",
                                Map.of("Ref", targets))),
                    "NetworkConfiguration",
                        Map.of(
                            "AwsvpcConfiguration",
                            Match.objectLike(
                                Map.of(
                                    "AssignPublicIp",
                                    "ENABLED",
                                    "SecurityGroups",
                                    List.of(getAtt(taskGroup, "GroupId"))))))));
  }

  @Test
  void serviceScalesOnCpuBetweenTwoAndSixTasks() {
    aws.template()
        .hasResourceProperties(
            "AWS::ApplicationAutoScaling::ScalableTarget",
            Match.objectLike(
                Map.of(
                    "MinCapacity",
                    2,
                    "MaxCapacity",
                    6,
                    "ScalableDimension",
                    "ecs:service:DesiredCount",
                    "ServiceNamespace",
                    "ecs")));
    aws.template()
        .hasResourceProperties(
            "AWS::ApplicationAutoScaling::ScalingPolicy",
            Match.objectLike(
                Map.of(
                    "PolicyType",
                    "TargetTrackingScaling",
                    "TargetTrackingScalingPolicyConfiguration",
                    Match.objectLike(
                        Map.of(
                            "TargetValue",
                            60,
                            "PredefinedMetricSpecification",
                            Map.of("PredefinedMetricType", "ECSServiceAverageCPUUtilization"))))));
  }

  @Test
  void containerRunsTheEdgeImageWithTheSpecEnvironmentOnX86() {
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
            Map.of("ContainerPort", 8080, "Protocol", "tcp"));
    assertThat(TemplateQueries.asList(container.get("Environment")))
        .containsExactlyInAnyOrder(
            env("RENDEZVOUS_PULSE_INTERVAL_SECONDS", "30"),
            env("RENDEZVOUS_ERROR_TIME_SECONDS", "180"),
            env("RENDEZVOUS_GRACE_SECONDS", "5"),
            env("RENDEZVOUS_TABLE", Map.of("Ref", table)),
            env("RENDEZVOUS_STORE", "dynamodb"),
            env("RENDEZVOUS_UDP_PORT", "5024"),
            env("RENDEZVOUS_HEALTH_PORT", "8080"),
            env("RENDEZVOUS_BIND_ADDRESS", "0.0.0.0"),
            env("RENDEZVOUS_V1_ENABLED", "true"),
            env("RENDEZVOUS_V2_MAX_SKEW_SECONDS", "300"),
            env("AWS_REGION", Map.of("Ref", "AWS::Region")),
            env("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75"));
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
}
