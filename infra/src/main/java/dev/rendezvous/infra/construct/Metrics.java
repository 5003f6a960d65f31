package dev.rendezvous.infra.construct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.NetworkTargetGroup;

/** The CloudWatch metrics the alarms and the dashboard share. */
final class Metrics {
  /** The period of every alarm unless it says otherwise. */
  static final Duration PERIOD = Duration.minutes(5);

  private Metrics() {}

  /** A metric the edge publishes (namespace Rendezvous, dimension Service=udp-edge). */
  static Metric edge(String name, String statistic) {
    return Metric.Builder.create()
        .namespace(UdpEdgeService.METRICS_NAMESPACE)
        .metricName(name)
        .dimensionsMap(Map.of("Service", UdpEdgeService.METRICS_SERVICE))
        .statistic(statistic)
        .period(PERIOD)
        .build();
  }

  /** A DynamoDB metric of the table, or of one of its indexes. */
  static Metric dynamo(String name, Map<String, String> dimensions) {
    return Metric.Builder.create()
        .namespace("AWS/DynamoDB")
        .metricName(name)
        .dimensionsMap(dimensions)
        .statistic("Sum")
        .period(PERIOD)
        .build();
  }

  /** A Container Insights metric of the edge service. */
  static Metric edgeService(UdpEdgeService edge, String name, String statistic) {
    return Metric.Builder.create()
        .namespace("ECS/ContainerInsights")
        .metricName(name)
        .dimensionsMap(
            Map.of(
                "ClusterName", edge.cluster().getClusterName(),
                "ServiceName", edge.service().getServiceName()))
        .statistic(statistic)
        .period(PERIOD)
        .build();
  }

  /**
   * Healthy edge targets each minute: the minimum over the target groups (one per address family),
   * so that a task reachable over IPv4 but not over IPv6 does not count as healthy.
   */
  static IMetric healthyEdgeTargets(UdpEdgeService edge) {
    MetricOptions minimumPerMinute =
        MetricOptions.builder().statistic("Minimum").period(Duration.minutes(1)).build();
    List<NetworkTargetGroup> groups = edge.targetGroups();
    if (groups.size() == 1) {
      return groups.get(0).getMetrics().healthyHostCount(minimumPerMinute);
    }
    Map<String, IMetric> byFamily = new LinkedHashMap<>();
    for (int i = 0; i < groups.size(); i++) {
      byFamily.put("healthy" + i, groups.get(i).getMetrics().healthyHostCount(minimumPerMinute));
    }
    return MathExpression.Builder.create()
        .expression("MIN([" + String.join(", ", byFamily.keySet()) + "])")
        .usingMetrics(byFamily)
        .label("Healthy edge targets (lowest address family)")
        .period(Duration.minutes(1))
        .build();
  }

  /** Unhealthy edge targets: the most over the target groups. */
  static IMetric unhealthyEdgeTargets(UdpEdgeService edge) {
    List<NetworkTargetGroup> groups = edge.targetGroups();
    if (groups.size() == 1) {
      return groups.get(0).getMetrics().unHealthyHostCount(stat("Maximum"));
    }
    Map<String, IMetric> byFamily = new LinkedHashMap<>();
    for (int i = 0; i < groups.size(); i++) {
      byFamily.put("unhealthy" + i, groups.get(i).getMetrics().unHealthyHostCount(stat("Maximum")));
    }
    return MathExpression.Builder.create()
        .expression("MAX([" + String.join(", ", byFamily.keySet()) + "])")
        .usingMetrics(byFamily)
        .label("Unhealthy edge targets (worst address family)")
        .period(PERIOD)
        .build();
  }

  static MetricOptions sum() {
    return stat("Sum");
  }

  static MetricOptions stat(String statistic) {
    return MetricOptions.builder().statistic(statistic).period(PERIOD).build();
  }
}
