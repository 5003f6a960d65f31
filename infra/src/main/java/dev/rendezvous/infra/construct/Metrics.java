package dev.rendezvous.infra.construct;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;

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

  static MetricOptions sum() {
    return stat("Sum");
  }

  static MetricOptions stat(String statistic) {
    return MetricOptions.builder().statistic(statistic).period(PERIOD).build();
  }
}
