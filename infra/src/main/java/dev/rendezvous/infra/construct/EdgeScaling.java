package dev.rendezvous.infra.construct;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.ecs.TrackCustomMetricProps;

/**
 * How the edge service scales. The service declares no desired count: scaling owns it, and a deploy
 * leaves it alone. The maximum's arithmetic is in docs/deploy.md ("Limits and capacity").
 */
public final class EdgeScaling {
  /**
   * Pulses one task lets wait on storage before it sheds ({@code RENDEZVOUS_EDGE_MAX_IN_FLIGHT},
   * set explicitly so that the scaling target below is derived from the real bound).
   */
  public static final int MAX_IN_FLIGHT_PER_TASK = 4096;

  /**
   * Average pulses waiting on storage per task at which the service adds tasks: a quarter of the
   * bound, far above normal (rate x DynamoDB latency: about 20 at 4,000 pulses/s and 5 ms) and far
   * enough below the bound that new tasks start before any task sheds.
   */
  public static final int IN_FLIGHT_TARGET_PER_TASK = MAX_IN_FLIGHT_PER_TASK / 4;

  /**
   * The share of {@code RENDEZVOUS_EDGE_MAX_CLIENTS} at which the service adds tasks: new flows
   * spread over all tasks, and a full task refuses takeovers, so tasks must exist before any task
   * fills.
   */
  public static final double OWNED_CLIENTS_TARGET_SHARE = 0.7;

  private EdgeScaling() {}

  /**
   * Three target-tracking policies; the service scales out when any asks and in only when CPU
   * allows. CPU is what a busy task runs out of. The edge's own in-flight count catches slow
   * storage before the bound makes it shed. The clients a task owns (average per task) catch the
   * cap the stack sets on them: a UDP flow stays on its task for life, so a full task would refuse
   * the takeovers of new flows while CPU is still low; this policy adds tasks at {@value
   * #OWNED_CLIENTS_TARGET_SHARE} of the cap, and new flows spread over them. The last two never
   * scale in. The edge's drop count is not a scaling signal: it counts junk and rate-limited
   * datagrams too, which more tasks would not stop (an attacker could scale the service to its
   * maximum at will); it alarms instead.
   */
  static void attach(FargateService service, UdpEdgeServiceProps props) {
    int minTasks = props.minTasks();
    int maxTasks = props.maxTasks();
    int cpuTargetPercent = props.cpuTargetPercent();
    ScalableTaskCount count =
        service.autoScaleTaskCount(
            EnableScalingProps.builder().minCapacity(minTasks).maxCapacity(maxTasks).build());
    count.scaleOnCpuUtilization(
        "Cpu",
        CpuUtilizationScalingProps.builder()
            .targetUtilizationPercent(cpuTargetPercent)
            .scaleOutCooldown(Duration.seconds(60))
            .scaleInCooldown(Duration.minutes(5))
            .build());
    count.scaleToTrackCustomMetric(
        "InFlight",
        TrackCustomMetricProps.builder()
            .metric(averagePerTask("EdgeInFlight"))
            .targetValue(IN_FLIGHT_TARGET_PER_TASK)
            .scaleOutCooldown(Duration.seconds(60))
            .disableScaleIn(true)
            .build());
    count.scaleToTrackCustomMetric(
        "OwnedClients",
        TrackCustomMetricProps.builder()
            .metric(averagePerTask("EdgeOwnedClients"))
            .targetValue(ownedClientsTarget(props.maxClientsPerTask()))
            .scaleOutCooldown(Duration.seconds(60))
            .disableScaleIn(true)
            .build());
  }

  /** Owned (client, family) entries per task at which the service adds tasks. */
  public static int ownedClientsTarget(int maxClientsPerTask) {
    return (int) (maxClientsPerTask * OWNED_CLIENTS_TARGET_SHARE);
  }

  private static Metric averagePerTask(String name) {
    return Metric.Builder.create()
        .namespace(UdpEdgeService.METRICS_NAMESPACE)
        .metricName(name)
        .dimensionsMap(Map.of("Service", UdpEdgeService.METRICS_SERVICE))
        .statistic("Average")
        .period(Duration.minutes(1))
        .build();
  }
}
