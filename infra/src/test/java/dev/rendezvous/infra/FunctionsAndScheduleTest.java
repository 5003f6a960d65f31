package dev.rendezvous.infra;

import static dev.rendezvous.infra.TemplateQueries.getAtt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.infra.SynthesizedStacks.Synthesized;
import dev.rendezvous.infra.construct.RendezvousFunctionsProps;
import dev.rendezvous.infra.construct.ServiceNetwork;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.constructs.IConstruct;

/** The two functions, their SnapStart aliases, sizes, logs and environment, and the schedule. */
class FunctionsAndScheduleTest {
  private final Synthesized aws = SynthesizedStacks.aws();

  @Test
  void apiFunctionRunsTheHttpApiHandlerOnJava25WithSnapStart() {
    aws.has(
        "AWS::Lambda::Function",
        Map.of(
            "Handler",
            RendezvousFunctionsProps.HTTP_API_HANDLER,
            "Runtime",
            "java25",
            "Architectures",
            List.of("arm64"),
            "MemorySize",
            1024,
            "Timeout",
            10,
            "SnapStart",
            Map.of("ApplyOn", "PublishedVersions")));
  }

  @Test
  void expiryFunctionRunsTheSweepWithinTheScheduleInterval() {
    aws.has(
        "AWS::Lambda::Function",
        Map.of(
            "Handler",
            RendezvousFunctionsProps.EXPIRY_HANDLER,
            "Runtime",
            "java25",
            "MemorySize",
            512,
            "Timeout",
            50,
            "SnapStart",
            Map.of("ApplyOn", "PublishedVersions")));
  }

  @Test
  void theApiFunctionRunsInTheIsolatedSubnetsWithItsOwnSecurityGroup() {
    ServiceNetwork network = (ServiceNetwork) aws.stack().getNode().findChild("Network");
    List<Object> subnets =
        network.vpc().selectSubnets(network.functionSubnets()).getSubnets().stream()
            .map(subnet -> (Object) Map.of("Ref", aws.logicalId(subnet)))
            .toList();
    assertThat(subnets).hasSize(2);
    Map<String, Object> api = functionProperties(aws.stack().functions().apiFunction());
    assertThat(api.get("VpcConfig"))
        .isEqualTo(
            Map.of(
                "SubnetIds",
                subnets,
                "SecurityGroupIds",
                List.of(getAtt(aws.logicalId(network.securityGroups().apiFunction()), "GroupId"))));
  }

  @Test
  void functionsThatCallNoEdgeTaskStayOutsideTheVpc() {
    assertThat(functionProperties(aws.stack().functions().expiryFunction()))
        .doesNotContainKey("VpcConfig");
    aws.template()
        .resourcePropertiesCountIs(
            "AWS::Lambda::Function", Match.objectLike(Map.of("VpcConfig", Match.anyValue())), 1);
  }

  @Test
  void everyFunctionIsPublishedBehindALiveAlias() {
    aws.template().resourceCountIs("AWS::Lambda::Version", 2);
    aws.template().resourcePropertiesCountIs("AWS::Lambda::Alias", Map.of("Name", "live"), 2);
    String api = aws.logicalId(aws.stack().functions().apiFunction());
    aws.template()
        .hasResourceProperties(
            "AWS::Lambda::Alias",
            Map.of(
                "Name", "live",
                "FunctionName", Map.of("Ref", api),
                "FunctionVersion",
                    Map.of(
                        "Fn::GetAtt",
                        List.of(
                            Match.stringLikeRegexp("^FunctionsApiCurrentVersion"), "Version"))));
  }

  @Test
  void functionsGetTheServiceEnvironmentWithTheGeneratedTableName() {
    String table = aws.logicalId(aws.stack().table().table());
    Map<String, Object> expected =
        Map.of(
            "RENDEZVOUS_PULSE_INTERVAL_SECONDS", "30",
            "RENDEZVOUS_ERROR_TIME_SECONDS", "180",
            "RENDEZVOUS_GRACE_SECONDS", "5",
            "RENDEZVOUS_TABLE", Map.of("Ref", table),
            "RENDEZVOUS_STORE", "dynamodb",
            "RENDEZVOUS_OWNER_TIMEOUT_MILLIS", "250",
            "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
    aws.template()
        .resourcePropertiesCountIs(
            "AWS::Lambda::Function",
            Match.objectLike(Map.of("Environment", Map.of("Variables", expected))),
            2);
  }

  @Test
  void functionsLogToTheirOwnGroupsWithAMonthOfRetention() {
    for (String name : List.of("Api", "Expiry")) {
      String logGroup = aws.logicalId(aws.stack().functions().getNode().findChild(name + "Logs"));
      aws.has(
          "AWS::Lambda::Function",
          Map.of("LoggingConfig", Map.of("LogGroup", Map.of("Ref", logGroup))));
      aws.template()
          .hasResource(
              "AWS::Logs::LogGroup",
              Match.objectLike(Map.of("Properties", Map.of("RetentionInDays", 30))));
    }
  }

  @Test
  void sweepRunsEveryMinuteOnTheLiveAlias() {
    String alias = aws.logicalId(aws.stack().functions().expiryAlias());
    aws.has(
        "AWS::Events::Rule",
        Map.of(
            "ScheduleExpression",
            "rate(1 minute)",
            "State",
            "ENABLED",
            "Targets",
            List.of(
                Match.objectLike(
                    Map.of(
                        "Arn", Map.of("Ref", alias),
                        "RetryPolicy",
                            Map.of(
                                "MaximumEventAgeInSeconds", 120,
                                "MaximumRetryAttempts", 2))))));
    aws.has(
        "AWS::Lambda::Permission",
        Map.of(
            "Action",
            "lambda:InvokeFunction",
            "FunctionName",
            Map.of("Ref", alias),
            "Principal",
            "events.amazonaws.com",
            "SourceArn",
            getAtt(
                aws.logicalId(
                    aws.stack()
                        .getNode()
                        .findChild("ExpirySchedule")
                        .getNode()
                        .findChild("EveryMinute")),
                "Arn")));
  }

  private Map<String, Object> functionProperties(IConstruct function) {
    return TemplateQueries.properties(
        aws.template().findResources("AWS::Lambda::Function").get(aws.logicalId(function)));
  }

  @Test
  void bothFunctionsShipTheSameJarAsset() {
    List<Object> keys =
        aws.template().findResources("AWS::Lambda::Function").values().stream()
            .map(TemplateQueries::properties)
            .filter(
                p ->
                    p.get("Handler").toString().startsWith("io.micronaut")
                        || p.get("Handler").toString().startsWith("dev.rendezvous"))
            .map(p -> ((Map<?, ?>) p.get("Code")).get("S3Key"))
            .map(Object.class::cast)
            .toList();
    assertThat(keys).hasSize(2).allMatch(k -> k.toString().endsWith(".jar"));
    assertThat(keys.get(0)).isEqualTo(keys.get(1));
  }
}
