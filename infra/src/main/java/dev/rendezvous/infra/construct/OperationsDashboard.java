package dev.rendezvous.infra.construct;

import static dev.rendezvous.infra.construct.Metrics.dynamo;
import static dev.rendezvous.infra.construct.Metrics.edge;
import static dev.rendezvous.infra.construct.Metrics.stat;
import static dev.rendezvous.infra.construct.Metrics.sum;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

/** One CloudWatch dashboard: the edge, its tasks, the API, the functions and the table. */
public final class OperationsDashboard extends Construct {
  /** Every metric the edge publishes; the dashboard graphs them all. */
  public static final List<String> EDGE_METRICS =
      List.of(
          "EdgePulsesAccepted",
          "EdgePulsesPending",
          "EdgePulsesUnknown",
          "EdgeDrops",
          "EdgeStorageErrors",
          "EdgeStorageLatency",
          "EdgeInFlight",
          "EdgeOwnedClients");

  private final Dashboard dashboard;

  public OperationsDashboard(Construct scope, String id, MonitoringProps props) {
    super(scope, id);
    UdpEdgeService edgeService = props.edge();
    RendezvousApi api = props.api();
    Function apiFunction = props.functions().apiFunction();
    Function expiryFunction = props.functions().expiryFunction();
    Map<String, String> onTable = Map.of("TableName", props.table().tableName());
    this.dashboard = Dashboard.Builder.create(this, "Dashboard").build();
    dashboard.addWidgets(
        graph(
            "Edge pulses",
            edge("EdgePulsesAccepted", "Sum"),
            edge("EdgePulsesPending", "Sum"),
            edge("EdgePulsesUnknown", "Sum")),
        graph(
            "Edge drops and storage errors",
            edge("EdgeDrops", "Sum"),
            edge("EdgeStorageErrors", "Sum")),
        graph(
            "Edge storage latency (ms) and in flight",
            edge("EdgeStorageLatency", "p99"),
            edge("EdgeStorageLatency", "p50"),
            edge("EdgeInFlight", "Maximum")),
        graph(
            "Edge clients owned per task",
            edge("EdgeOwnedClients", "Average"),
            edge("EdgeOwnedClients", "Maximum")));
    dashboard.addWidgets(
        graph(
            "Edge tasks and targets",
            Metrics.edgeService(edgeService, "DesiredTaskCount", "Maximum"),
            Metrics.edgeService(edgeService, "RunningTaskCount", "Minimum"),
            Metrics.healthyEdgeTargets(edgeService),
            Metrics.unhealthyEdgeTargets(edgeService)),
        graph(
            "Edge CPU (%)",
            edgeService.service().metricCpuUtilization(stat("Average")),
            edgeService.service().metricCpuUtilization(stat("Maximum"))),
        graph(
            "API requests and errors",
            api.httpApi().metricCount(sum()),
            api.httpApi().metricClientError(sum()),
            api.httpApi().metricServerError(sum()),
            api.throttledMetric()));
    dashboard.addWidgets(
        graph(
            "API latency (ms)",
            api.httpApi().metricLatency(stat("p99")),
            api.httpApi().metricIntegrationLatency(stat("p99"))),
        graph(
            "Functions",
            apiFunction.metricInvocations(sum()),
            apiFunction.metricErrors(sum()),
            apiFunction.metricThrottles(sum()),
            expiryFunction.metricInvocations(sum()),
            expiryFunction.metricErrors(sum()),
            apiFunction.metricDuration(stat("p99")),
            expiryFunction.metricDuration(stat("Maximum"))),
        graph(
            "Table",
            dynamo("ConsumedWriteCapacityUnits", onTable),
            dynamo("ConsumedReadCapacityUnits", onTable),
            dynamo("WriteThrottleEvents", onTable),
            dynamo("ReadThrottleEvents", onTable)));
  }

  private static GraphWidget graph(String title, IMetric... metrics) {
    return GraphWidget.Builder.create().title(title).left(List.of(metrics)).width(8).build();
  }

  public Dashboard dashboard() {
    return dashboard;
  }
}
