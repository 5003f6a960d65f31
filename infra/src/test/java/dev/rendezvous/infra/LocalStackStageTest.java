package dev.rendezvous.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.infra.SynthesizedStacks.Synthesized;
import dev.rendezvous.infra.construct.RendezvousFunctionsProps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/**
 * {@code -c localstack=true}: only services LocalStack's free tier emulates. No HTTP API, ECS,
 * ELBv2 or SnapStart; a REST v1 API proxies to the function running the v1 handler.
 */
class LocalStackStageTest {
  private final Synthesized local = SynthesizedStacks.localStack();

  @Test
  void stackIsNamedApartFromTheAwsStack() {
    assertThat(local.stack().getStackName()).isEqualTo(RendezvousApp.LOCALSTACK_STACK_NAME);
  }

  @Test
  void onlyFreeTierResourceTypesAreDeclared() {
    List<String> types =
        local.template().toJSON().entrySet().stream()
            .filter(e -> e.getKey().equals("Resources"))
            .flatMap(e -> ((Map<?, ?>) e.getValue()).values().stream())
            .map(r -> ((Map<?, ?>) r).get("Type").toString())
            .distinct()
            .toList();
    assertThat(types)
        .allMatch(
            t ->
                t.startsWith("AWS::DynamoDB::")
                    || t.startsWith("AWS::Lambda::")
                    || t.startsWith("AWS::IAM::")
                    || t.startsWith("AWS::Logs::")
                    || t.startsWith("AWS::Events::")
                    || t.startsWith("AWS::ApiGateway::"))
        .contains("AWS::DynamoDB::Table", "AWS::Events::Rule", "AWS::ApiGateway::RestApi");
  }

  @Test
  void restApiProxiesEveryPathToTheV1HandlerWithoutSnapStart() {
    local.has(
        "AWS::Lambda::Function",
        Map.of(
            "Handler",
            RendezvousFunctionsProps.REST_API_HANDLER,
            "Runtime",
            "java21",
            "Architectures",
            List.of("x86_64"),
            "SnapStart",
            Match.absent()));
    local
        .template()
        .resourcePropertiesCountIs(
            "AWS::Lambda::Function", Match.objectLike(Map.of("SnapStart", Match.anyValue())), 0);
    String alias = local.logicalId(local.stack().functions().apiAlias());
    Map<String, Map<String, Object>> methods =
        local.template().findResources("AWS::ApiGateway::Method");
    assertThat(methods).hasSize(2); // ANY on "/" and ANY on "/{proxy+}"
    for (Map<String, Object> method : methods.values()) {
      Map<String, Object> properties = TemplateQueries.properties(method);
      assertThat(properties).containsEntry("HttpMethod", "ANY");
      Map<?, ?> integration = (Map<?, ?>) properties.get("Integration");
      assertThat(integration.get("Type")).isEqualTo("AWS_PROXY");
      assertThat(integration.get("Uri").toString()).contains("{Ref=" + alias + "}");
    }
    local
        .template()
        .hasResourceProperties("AWS::ApiGateway::Resource", Map.of("PathPart", "{proxy+}"));
  }

  @Test
  void sweepIsScheduledEveryMinuteThere() {
    local.has("AWS::Events::Rule", Map.of("ScheduleExpression", "rate(1 minute)"));
    local.has("AWS::Lambda::Function", Map.of("Handler", RendezvousFunctionsProps.EXPIRY_HANDLER));
  }

  @Test
  void outputsTheRestApiUrlAndTheTable() {
    local.template().hasOutput(RendezvousStack.OUTPUT_API_URL, Match.anyValue());
    local.template().hasOutput(RendezvousStack.OUTPUT_TABLE, Match.anyValue());
  }
}
