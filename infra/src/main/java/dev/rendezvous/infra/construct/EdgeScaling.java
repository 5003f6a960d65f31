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

  private EdgeScaling() {}

  /**
   * Two target-tracking policies; the service scales out when either asks and in only when CPU
   * allows. CPU is what a task runs out of first (every pulse is syscalls, hashing and an SDK
   * call). The edge's own in-flight count catches the other saturation, slow storage, before the
   * bound makes it shed; that policy never scales in. The edge's drop count is not a scaling
   * signal: it counts junk and rate-limited datagrams too, which more tasks would not stop (an
   * attacker could scale the service to its maximum at will); it alarms instead.
   */
  static void attach(FargateService service, int minTasks, int maxTasks, int cpuTargetPercent) {
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
            .metric(
                Metric.Builder.create()
                    .namespace(UdpEdgeService.METRICS_NAMESPACE)
                    .metricName("EdgeInFlight")
                    .dimensionsMap(Map.of("Service", UdpEdgeService.METRICS_SERVICE))
                    .statistic("Average")
                    .period(Duration.minutes(1))
                    .build())
            .targetValue(IN_FLIGHT_TARGET_PER_TASK)
            .scaleOutCooldown(Duration.seconds(60))
            .disableScaleIn(true)
            .build());
  }
}
