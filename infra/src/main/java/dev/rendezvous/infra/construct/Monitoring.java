package dev.rendezvous.infra.construct;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * Alarms on what an operator must act on, all sent to one SNS topic, and a dashboard of the edge,
 * the API, the functions and the table. Edge metrics are the ones the edge publishes (namespace
 * {@value UdpEdgeService#METRICS_NAMESPACE}, dimension {@code Service=udp-edge}).
 *
 * <p>Thresholds (per 5 minutes unless noted): edge drops above 100 (the edge sheds load or sees
 * garbage), any edge storage error in 3 consecutive periods, any DynamoDB throttle event, API 5xx
 * above 5, API function errors above 5, expiry errors in 3 consecutive periods (one failed sweep
 * heals on the next), and fewer healthy edge targets than one for 2 minutes.
 */
public final class Monitoring extends Construct {
  public static final String EDGE_SERVICE_DIMENSION = "udp-edge";
  public static final List<String> EDGE_METRICS =
      List.of(
          "EdgePulsesAccepted",
          "EdgePulsesPending",
          "EdgePulsesUnknown",
          "EdgeDrops",
          "EdgeStorageErrors",
          "EdgeStorageLatency",
          "EdgeInFlight");

  private static final Duration PERIOD = Duration.minutes(5);

  private final Topic alarmTopic;
  private final Dashboard dashboard;

  public Monitoring(Construct scope, String id, MonitoringProps props) {
    super(scope, id);
    this.alarmTopic = Topic.Builder.create(this, "AlarmTopic").build();
    props.alarmEmail().ifPresent(email -> alarmTopic.addSubscription(new EmailSubscription(email)));

    alarm("EdgeDrops", edgeMetric("EdgeDrops", "Sum"), 100, 1, "Edge dropped datagrams");
    alarm(
        "EdgeStorageErrors",
        edgeMetric("EdgeStorageErrors", "Sum"),
        0,
        3,
        "Edge failed to reach DynamoDB in 3 consecutive periods");
    String tableName = props.table().tableName();
    MathExpression throttles =
        MathExpression.Builder.create()
            .expression("FILL(r, 0) + FILL(w, 0)")
            .usingMetrics(
                Map.of(
                    "r", dynamoMetric("ReadThrottleEvents", tableName),
                    "w", dynamoMetric("WriteThrottleEvents", tableName)))
            .label("Throttle events")
            .period(PERIOD)
            .build();
    alarm("TableThrottles", throttles, 0, 1, "DynamoDB throttled requests on the clients table");
    alarm("Api5xx", props.api().httpApi().metricServerError(sum()), 5, 1, "HTTP API answered 5xx");
    Function apiFunction = props.functions().apiFunction();
    Function expiryFunction = props.functions().expiryFunction();
    alarm("ApiFunctionErrors", apiFunction.metricErrors(sum()), 5, 1, "API function errors");
    alarm(
        "ExpiryFunctionErrors",
        expiryFunction.metricErrors(sum()),
        0,
        3,
        "Expiry sweep failed in 3 consecutive periods");
    Alarm noHealthyEdge =
        Alarm.Builder.create(this, "EdgeNoHealthyTargets")
            .alarmDescription("No healthy UDP edge task behind the load balancer")
            .metric(
                props
                    .edge()
                    .targetGroup()
                    .getMetrics()
                    .healthyHostCount(
                        MetricOptions.builder()
                            .statistic("Minimum")
                            .period(Duration.minutes(1))
                            .build()))
            .threshold(1)
            .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
            .evaluationPeriods(2)
            .treatMissingData(TreatMissingData.BREACHING)
            .build();
    noHealthyEdge.addAlarmAction(new SnsAction(alarmTopic));

    this.dashboard = Dashboard.Builder.create(this, "Dashboard").build();
    dashboard.addWidgets(
        graph(
            "Edge pulses",
            edgeMetric("EdgePulsesAccepted", "Sum"),
            edgeMetric("EdgePulsesPending", "Sum"),
            edgeMetric("EdgePulsesUnknown", "Sum")),
        graph(
            "Edge drops and storage errors",
            edgeMetric("EdgeDrops", "Sum"),
            edgeMetric("EdgeStorageErrors", "Sum")),
        graph(
            "Edge storage latency (ms) and in flight",
            edgeMetric("EdgeStorageLatency", "p99"),
            edgeMetric("EdgeStorageLatency", "p50"),
            edgeMetric("EdgeInFlight", "Maximum")));
    dashboard.addWidgets(
        graph(
            "API requests and errors",
            props.api().httpApi().metricCount(sum()),
            props.api().httpApi().metricClientError(sum()),
            props.api().httpApi().metricServerError(sum())),
        graph(
            "API latency (ms)",
            props.api().httpApi().metricLatency(stat("p99")),
            props.api().httpApi().metricIntegrationLatency(stat("p99"))),
        graph(
            "Functions",
            apiFunction.metricInvocations(sum()),
            apiFunction.metricErrors(sum()),
            expiryFunction.metricInvocations(sum()),
            expiryFunction.metricErrors(sum()),
            apiFunction.metricThrottles(sum())));
    dashboard.addWidgets(
        graph(
            "Function duration (ms)",
            apiFunction.metricDuration(stat("p99")),
            expiryFunction.metricDuration(stat("Maximum"))),
        graph(
            "Table",
            dynamoMetric("ConsumedWriteCapacityUnits", tableName),
            dynamoMetric("ConsumedReadCapacityUnits", tableName),
            throttles),
        graph(
            "Edge targets",
            props.edge().targetGroup().getMetrics().healthyHostCount(stat("Minimum")),
            props.edge().targetGroup().getMetrics().unHealthyHostCount(stat("Maximum"))));
  }

  private void alarm(String id, IMetric metric, double threshold, int periods, String description) {
    Alarm alarm =
        Alarm.Builder.create(this, id)
            .alarmDescription(description)
            .metric(metric)
            .threshold(threshold)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
            .evaluationPeriods(periods)
            .datapointsToAlarm(periods)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build();
    alarm.addAlarmAction(new SnsAction(alarmTopic));
  }

  private static Metric edgeMetric(String name, String statistic) {
    return Metric.Builder.create()
        .namespace(UdpEdgeService.METRICS_NAMESPACE)
        .metricName(name)
        .dimensionsMap(Map.of("Service", EDGE_SERVICE_DIMENSION))
        .statistic(statistic)
        .period(PERIOD)
        .build();
  }

  private static Metric dynamoMetric(String name, String tableName) {
    return Metric.Builder.create()
        .namespace("AWS/DynamoDB")
        .metricName(name)
        .dimensionsMap(Map.of("TableName", tableName))
        .statistic("Sum")
        .period(PERIOD)
        .build();
  }

  private static MetricOptions sum() {
    return stat("Sum");
  }

  private static MetricOptions stat(String statistic) {
    return MetricOptions.builder().statistic(statistic).period(PERIOD).build();
  }

  private static GraphWidget graph(String title, IMetric... metrics) {
    return GraphWidget.Builder.create().title(title).left(List.of(metrics)).width(8).build();
  }

  public Topic alarmTopic() {
    return alarmTopic;
  }

  public Dashboard dashboard() {
    return dashboard;
  }
}
