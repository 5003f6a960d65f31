package dev.rendezvous.infra.construct;

import static dev.rendezvous.infra.construct.Metrics.PERIOD;
import static dev.rendezvous.infra.construct.Metrics.dynamo;
import static dev.rendezvous.infra.construct.Metrics.edge;
import static dev.rendezvous.infra.construct.Metrics.sum;

import dev.rendezvous.store.dynamodb.ClientTable;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * Alarms on what an operator must act on, all sent to one SNS topic (TLS-only publishing), and the
 * dashboard ({@link OperationsDashboard}). Thresholds are per 5 minutes unless noted; the table in
 * infra/README.md lists each alarm with its reason.
 */
public final class Monitoring extends Construct {
  /** 4xx answers above this share of all requests mean clients are failing, not just erring. */
  static final int API_4XX_PERCENT = 25;

  /**
   * Consumed writes above this share of the warm throughput: raise it before the table throttles.
   */
  static final int TABLE_WRITES_PERCENT = 80;

  private final Topic alarmTopic;
  private final OperationsDashboard dashboard;

  public Monitoring(Construct scope, String id, MonitoringProps props) {
    super(scope, id);
    this.alarmTopic = Topic.Builder.create(this, "AlarmTopic").enforceSsl(true).build();
    props.alarmEmail().ifPresent(email -> alarmTopic.addSubscription(new EmailSubscription(email)));
    edgeAlarms(props.edge());
    apiAlarms(props.api(), props.functions());
    tableAlarms(props.table());
    this.dashboard = new OperationsDashboard(this, "Dashboard", props);
  }

  private void edgeAlarms(UdpEdgeService edge) {
    alarm("EdgeDrops", edge("EdgeDrops", "Sum"), 100, 1, "Edge dropped datagrams");
    alarm(
        "EdgeStorageErrors",
        edge("EdgeStorageErrors", "Sum"),
        0,
        3,
        "Edge failed to reach DynamoDB in 3 consecutive periods");
    alarm(
        "EdgeAtMaxTasks",
        Metrics.edgeService(edge, "DesiredTaskCount", "Maximum"),
        edge.maxTasks() - 0.5,
        3,
        "Edge has run at its maximum task count ("
            + edge.maxTasks()
            + ") for 15 minutes: raise edgeMaxTasks (and check the table's throughput)");
    healthyTargets(
        edge,
        "EdgeNoHealthyTargets",
        1,
        2,
        "No healthy UDP edge task behind the load balancer for 2 minutes");
    healthyTargets(
        edge,
        "EdgeTargetsBelowMinimum",
        edge.minTasks(),
        5,
        "Fewer healthy UDP edge tasks than the minimum (" + edge.minTasks() + ") for 5 minutes");
  }

  private void apiAlarms(RendezvousApi api, RendezvousFunctions functions) {
    alarm("Api5xx", api.httpApi().metricServerError(sum()), 5, 1, "HTTP API answered 5xx");
    MathExpression clientErrorPercent =
        MathExpression.Builder.create()
            .expression("IF(requests >= 100, 100 * errors / requests, 0)")
            .usingMetrics(
                Map.of(
                    "errors", api.httpApi().metricClientError(sum()),
                    "requests", api.httpApi().metricCount(sum())))
            .label("4xx share of requests (%)")
            .period(PERIOD)
            .build();
    alarm(
        "Api4xxShare",
        clientErrorPercent,
        API_4XX_PERCENT,
        3,
        "More than " + API_4XX_PERCENT + " % of HTTP API answers were 4xx for 15 minutes");
    alarm(
        "ApiThrottled",
        api.throttledMetric(),
        0,
        1,
        "API Gateway answered 429: a throttle (stage or POST /register) refused clients");
    Function apiFunction = functions.apiFunction();
    Function expiryFunction = functions.expiryFunction();
    alarm("ApiFunctionErrors", apiFunction.metricErrors(sum()), 5, 1, "API function errors");
    alarm(
        "ExpiryFunctionErrors",
        expiryFunction.metricErrors(sum()),
        0,
        3,
        "Expiry sweep failed in 3 consecutive periods");
    alarm(
        "FunctionThrottles",
        MathExpression.Builder.create()
            .expression("FILL(api, 0) + FILL(expiry, 0)")
            .usingMetrics(
                Map.of(
                    "api", apiFunction.metricThrottles(sum()),
                    "expiry", expiryFunction.metricThrottles(sum())))
            .label("Lambda throttles")
            .period(PERIOD)
            .build(),
        0,
        1,
        "Lambda throttled the API or the expiry function (account concurrency)");
  }

  private void tableAlarms(RendezvousTable table) {
    Map<String, String> onTable = Map.of("TableName", table.tableName());
    alarm(
        "TableThrottles",
        MathExpression.Builder.create()
            .expression("FILL(r, 0) + FILL(w, 0)")
            .usingMetrics(
                Map.of(
                    "r", dynamo("ReadThrottleEvents", onTable),
                    "w", dynamo("WriteThrottleEvents", onTable)))
            .label("Throttle events")
            .period(PERIOD)
            .build(),
        0,
        1,
        "DynamoDB throttled requests on the clients table");
    Map<String, String> onIndex =
        Map.of("TableName", table.tableName(), "GlobalSecondaryIndexName", ClientTable.SWEEP_INDEX);
    alarm(
        "SweepIndexThrottles",
        MathExpression.Builder.create()
            .expression("FILL(r, 0) + FILL(w, 0)")
            .usingMetrics(
                Map.of(
                    "r", dynamo("ReadThrottleEvents", onIndex),
                    "w", dynamo("WriteThrottleEvents", onIndex)))
            .label("Sweep index throttle events")
            .period(PERIOD)
            .build(),
        0,
        1,
        "DynamoDB throttled the sweep index (its writes hold back the table's)");
    double writesPerSecond = table.warmWritesPerSecond() * TABLE_WRITES_PERCENT / 100.0;
    alarm(
        "TableWrites",
        MathExpression.Builder.create()
            .expression("w / " + PERIOD.toSeconds())
            .usingMetrics(Map.of("w", dynamo("ConsumedWriteCapacityUnits", onTable)))
            .label("Consumed writes per second")
            .period(PERIOD)
            .build(),
        writesPerSecond,
        3,
        "Consumed writes above "
            + TABLE_WRITES_PERCENT
            + " % of the table's warm throughput ("
            + table.warmWritesPerSecond()
            + "/s) for 15 minutes: raise tableWarmWritesPerSecond (docs/deploy.md)");
  }

  private void healthyTargets(
      UdpEdgeService edge, String id, int minimum, int minutes, String description) {
    Alarm alarm =
        Alarm.Builder.create(this, id)
            .alarmDescription(description)
            .metric(Metrics.healthyEdgeTargets(edge))
            .threshold(minimum)
            .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
            .evaluationPeriods(minutes)
            .datapointsToAlarm(minutes)
            .treatMissingData(TreatMissingData.BREACHING)
            .build();
    alarm.addAlarmAction(new SnsAction(alarmTopic));
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

  /** Every alarm's id, in the order they are declared (for the docs and the tests). */
  static final List<String> ALARMS =
      List.of(
          "EdgeDrops",
          "EdgeStorageErrors",
          "EdgeAtMaxTasks",
          "EdgeNoHealthyTargets",
          "EdgeTargetsBelowMinimum",
          "Api5xx",
          "Api4xxShare",
          "ApiThrottled",
          "ApiFunctionErrors",
          "ExpiryFunctionErrors",
          "FunctionThrottles",
          "TableThrottles",
          "SweepIndexThrottles",
          "TableWrites");

  public Topic alarmTopic() {
    return alarmTopic;
  }

  public OperationsDashboard dashboard() {
    return dashboard;
  }
}
