package dev.rendezvous.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rendezvous.infra.SynthesizedStacks.Synthesized;
import dev.rendezvous.infra.construct.Monitoring;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** Alarms on edge drops and errors, throttling, API 5xx and function errors, and the dashboard. */
class MonitoringTest {
  private final Synthesized aws = SynthesizedStacks.aws();
  private static final Map<String, Object> EDGE_DIMENSION =
      Map.of("Name", "Service", "Value", "udp-edge");

  @Test
  void edgeDropsAndStorageErrorsAlarmOnTheEdgesOwnMetrics() {
    for (String metric : List.of("EdgeDrops", "EdgeStorageErrors")) {
      aws.template()
          .hasResourceProperties(
              "AWS::CloudWatch::Alarm",
              Match.objectLike(
                  Map.of(
                      "Namespace", "Rendezvous",
                      "MetricName", metric,
                      "Dimensions", List.of(EDGE_DIMENSION),
                      "Statistic", "Sum",
                      "ComparisonOperator", "GreaterThanThreshold",
                      "TreatMissingData", "notBreaching")));
    }
  }

  @Test
  void tableThrottlingAlarmsOnReadAndWriteThrottleEvents() {
    Map<String, Object> alarm = alarmWithId("TableThrottles");
    String metrics = alarm.get("Metrics").toString();
    assertThat(metrics).contains("ReadThrottleEvents", "WriteThrottleEvents", "AWS/DynamoDB");
    assertThat(alarm).containsEntry("Threshold", 0).containsEntry("EvaluationPeriods", 1);
  }

  @Test
  void api5xxAndFunctionErrorsAlarm() {
    aws.template()
        .hasResourceProperties(
            "AWS::CloudWatch::Alarm",
            Match.objectLike(Map.of("Namespace", "AWS/ApiGateway", "MetricName", "5xx")));
    aws.template()
        .resourcePropertiesCountIs(
            "AWS::CloudWatch::Alarm",
            Match.objectLike(Map.of("Namespace", "AWS/Lambda", "MetricName", "Errors")),
            2);
  }

  @Test
  void missingHealthyEdgeTargetsAlarm() {
    aws.template()
        .hasResourceProperties(
            "AWS::CloudWatch::Alarm",
            Match.objectLike(
                Map.of(
                    "Namespace", "AWS/NetworkELB",
                    "MetricName", "HealthyHostCount",
                    "ComparisonOperator", "LessThanThreshold",
                    "Threshold", 1,
                    "TreatMissingData", "breaching")));
  }

  @Test
  void everyAlarmNotifiesTheAlarmTopic() {
    String topic =
        aws.logicalId(
            aws.stack().getNode().findChild("Monitoring").getNode().findChild("AlarmTopic"));
    aws.template().resourceCountIs("AWS::CloudWatch::Alarm", 7);
    aws.template()
        .resourcePropertiesCountIs(
            "AWS::CloudWatch::Alarm",
            Match.objectLike(Map.of("AlarmActions", List.of(Map.of("Ref", topic)))),
            7);
  }

  @Test
  void dashboardShowsEveryEdgeMetricAndTheApi() throws Exception {
    Map<String, Object> dashboard =
        TemplateQueries.onlyProperties(aws.template(), "AWS::CloudWatch::Dashboard");
    String body = new ObjectMapper().writeValueAsString(dashboard.get("DashboardBody"));
    for (String metric : Monitoring.EDGE_METRICS) {
      assertThat(body).contains("\\\"" + metric + "\\\"");
    }
    assertThat(body).contains("Rendezvous", "udp-edge", "AWS/ApiGateway", "AWS/Lambda");
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
