package dev.rendezvous.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.infra.SynthesizedStacks.Synthesized;
import dev.rendezvous.infra.construct.OperationsDashboard;
import dev.rendezvous.infra.construct.UdpEdgeService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** Alarms on the edge, the API, the functions and the table; the topic; the dashboard. */
class MonitoringTest {
  private final Synthesized aws = SynthesizedStacks.aws();
  private static final Map<String, Object> EDGE_DIMENSION =
      Map.of("Name", "Service", "Value", "udp-edge");

  @Test
  void edgeDropsAndStorageErrorsAlarmOnTheEdgesOwnMetrics() {
    for (String metric : List.of("EdgeDrops", "EdgeStorageErrors")) {
      aws.has(
          "AWS::CloudWatch::Alarm",
          Map.of(
              "Namespace", "Rendezvous",
              "MetricName", metric,
              "Dimensions", List.of(EDGE_DIMENSION),
              "Statistic", "Sum",
              "ComparisonOperator", "GreaterThanThreshold",
              "TreatMissingData", "notBreaching"));
    }
  }

  @Test
  void tableAndSweepIndexThrottlingAlarm() {
    Map<String, Object> table = alarmWithId("TableThrottles");
    assertThat(table.get("Metrics").toString())
        .contains("ReadThrottleEvents", "WriteThrottleEvents", "AWS/DynamoDB")
        .doesNotContain("GlobalSecondaryIndexName");
    assertThat(table).containsEntry("Threshold", 0).containsEntry("EvaluationPeriods", 1);
    Map<String, Object> index = alarmWithId("SweepIndexThrottles");
    assertThat(index.get("Metrics").toString())
        .contains("ReadThrottleEvents", "WriteThrottleEvents")
        .contains("{Name=GlobalSecondaryIndexName, Value=sweep-index}");
    assertThat(index).containsEntry("Threshold", 0);
  }

  @Test
  void consumedWritesAlarmAtEightyPercentOfTheWarmThroughput() {
    Map<String, Object> alarm = alarmWithId("TableWrites");
    assertThat(alarm.get("Metrics").toString())
        .contains("ConsumedWriteCapacityUnits")
        .contains("w / 300");
    assertThat(alarm).containsEntry("Threshold", 3200).containsEntry("EvaluationPeriods", 3);
  }

  @Test
  void api5xx4xxShareAndThrottlesAlarm() {
    aws.has("AWS::CloudWatch::Alarm", Map.of("Namespace", "AWS/ApiGateway", "MetricName", "5xx"));
    Map<String, Object> share = alarmWithId("Api4xxShare");
    assertThat(share.get("Metrics").toString()).contains("4xx", "Count", "100 * errors / requests");
    assertThat(share).containsEntry("Threshold", 25);
    aws.has(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "Namespace", "Rendezvous",
            "MetricName", "ApiThrottled",
            "Threshold", 0,
            "ComparisonOperator", "GreaterThanThreshold"));
  }

  @Test
  void throttledAnswersAreCountedFromTheAccessLog() {
    String accessLogs =
        aws.logicalId(aws.stack().getNode().findChild("Api").getNode().findChild("AccessLogs"));
    aws.template()
        .hasResourceProperties(
            "AWS::Logs::MetricFilter",
            Map.of(
                "LogGroupName",
                Map.of("Ref", accessLogs),
                "FilterPattern",
                "{ $.status = 429 }",
                "MetricTransformations",
                List.of(
                    Map.of(
                        "MetricNamespace", "Rendezvous",
                        "MetricName", "ApiThrottled",
                        "MetricValue", "1"))));
  }

  @Test
  void functionErrorsAndThrottlesAlarm() {
    aws.template()
        .resourcePropertiesCountIs(
            "AWS::CloudWatch::Alarm",
            Match.objectLike(Map.of("Namespace", "AWS/Lambda", "MetricName", "Errors")),
            2);
    assertThat(alarmWithId("FunctionThrottles").get("Metrics").toString())
        .contains("Throttles", "AWS/Lambda");
  }

  @Test
  void healthyEdgeTargetsAlarmBelowOneAndBelowTheMinimumInEitherAddressFamily() {
    UdpEdgeService edge = (UdpEdgeService) aws.stack().getNode().findChild("Edge");
    for (Map.Entry<String, Integer> alarm :
        Map.of("EdgeNoHealthyTargets", 1, "EdgeTargetsBelowMinimum", 2).entrySet()) {
      Map<String, Object> properties = alarmWithId(alarm.getKey());
      assertThat(properties)
          .containsEntry("Threshold", alarm.getValue())
          .containsEntry("ComparisonOperator", "LessThanThreshold")
          .containsEntry("TreatMissingData", "breaching");
      String metrics = properties.get("Metrics").toString();
      assertThat(metrics)
          .contains("MIN([healthy0, healthy1])", "AWS/NetworkELB", "HealthyHostCount");
      for (var group : edge.targetGroups()) {
        assertThat(metrics).contains(aws.logicalId(group));
      }
    }
  }

  @Test
  void edgeAtItsMaximumTaskCountAlarms() {
    aws.has(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "Namespace", "ECS/ContainerInsights",
            "MetricName", "DesiredTaskCount",
            "Statistic", "Maximum",
            "Threshold", 9.5,
            "ComparisonOperator", "GreaterThanThreshold",
            "EvaluationPeriods", 3));
  }

  @Test
  void everyAlarmNotifiesTheAlarmTopic() {
    String topic =
        aws.logicalId(
            aws.stack().getNode().findChild("Monitoring").getNode().findChild("AlarmTopic"));
    aws.template().resourceCountIs("AWS::CloudWatch::Alarm", 14);
    aws.template()
        .resourcePropertiesCountIs(
            "AWS::CloudWatch::Alarm",
            Match.objectLike(Map.of("AlarmActions", List.of(Map.of("Ref", topic)))),
            14);
  }

  @Test
  void alarmTopicAcceptsOnlyTls() {
    aws.has(
        "AWS::SNS::TopicPolicy",
        Map.of(
            "PolicyDocument",
            Match.objectLike(
                Map.of(
                    "Statement",
                    Match.arrayWith(
                        List.of(
                            Match.objectLike(
                                Map.of(
                                    "Effect",
                                    "Deny",
                                    "Condition",
                                    Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
  }

  @Test
  void withAlarmEmailNoneNobodyIsSubscribed() {
    aws.template().resourceCountIs("AWS::SNS::Subscription", 0);
  }

  @Test
  void dashboardShowsEveryEdgeMetricTheApiAndTheTasks() throws Exception {
    Map<String, Object> dashboard =
        TemplateQueries.onlyProperties(aws.template(), "AWS::CloudWatch::Dashboard");
    String body = new ObjectMapper().writeValueAsString(dashboard.get("DashboardBody"));
    for (String metric : OperationsDashboard.EDGE_METRICS) {
      assertThat(body).contains("\\\"" + metric + "\\\"");
    }
    assertThat(body)
        .contains("Rendezvous", "udp-edge", "AWS/ApiGateway", "AWS/Lambda", "DesiredTaskCount");
  }

  @Test
  void tableNameIsAnOutput() {
    String table = aws.logicalId(aws.stack().table().table());
    aws.template()
        .hasOutput(
            RendezvousStack.OUTPUT_TABLE, Match.objectLike(Map.of("Value", Map.of("Ref", table))));
  }

  private Map<String, Object> alarmWithId(String id) {
    String logicalId =
        aws.logicalId(aws.stack().getNode().findChild("Monitoring").getNode().findChild(id));
    return TemplateQueries.properties(
        aws.template().findResources("AWS::CloudWatch::Alarm").get(logicalId));
  }
}
