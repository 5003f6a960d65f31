package dev.rendezvous.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.infra.SynthesizedStacks.Synthesized;
import dev.rendezvous.infra.construct.RendezvousApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** The HTTP API: the nine routes, one payload-2.0 integration on the alias, throttling. */
class HttpApiTest {
  private final Synthesized aws = SynthesizedStacks.aws();

  @Test
  void theFiveDocumentedRoutesAndTheCatchAllExist() {
    List<Object> routeKeys = new ArrayList<>();
    aws.template()
        .findResources("AWS::ApiGatewayV2::Route")
        .values()
        .forEach(r -> routeKeys.add(TemplateQueries.properties(r).get("RouteKey")));
    String expected =
        """
        POST /register
        POST /verify
        POST /logout
        PUT /me/candidates
        GET /peer/{client_id}/udp
        GET /peer/{client_id}/udp/status
        POST /peer/{client_id}/connect
        GET /calls/{call_id}
        GET /call-policy
        PUT /call-policy
        $default
        """;
    assertThat(routeKeys).containsExactlyInAnyOrder(expected.lines().toArray());
    assertThat(RendezvousApi.ROUTE_KEYS).hasSize(10);
  }

  @Test
  void everyRouteUsesTheOneLambdaProxyIntegrationWithPayload20() {
    aws.template().resourceCountIs("AWS::ApiGatewayV2::Integration", 1);
    String alias = aws.logicalId(aws.stack().functions().apiAlias());
    aws.template()
        .hasResourceProperties(
            "AWS::ApiGatewayV2::Integration",
            Map.of(
                "ApiId",
                Match.anyValue(),
                "IntegrationType",
                "AWS_PROXY",
                "IntegrationUri",
                Map.of("Ref", alias),
                "PayloadFormatVersion",
                "2.0"));
    aws.template()
        .resourcePropertiesCountIs(
            "AWS::ApiGatewayV2::Route",
            Match.objectLike(
                Map.of(
                    "Target",
                    Map.of(
                        "Fn::Join",
                        List.of("", List.of("integrations/", Match.objectLike(Map.of())))))),
            RendezvousApi.ROUTE_KEYS.size() + 1); // and $default
  }

  @Test
  void stageThrottlesTheApiAndRegisterMoreTightly() {
    aws.has(
        "AWS::ApiGatewayV2::Stage",
        Map.of(
            "StageName",
            "$default",
            "AutoDeploy",
            true,
            "DefaultRouteSettings",
            Map.of("ThrottlingRateLimit", 1000, "ThrottlingBurstLimit", 2000),
            "RouteSettings",
            Map.of(
                "POST /register",
                Map.of("ThrottlingRateLimit", 500, "ThrottlingBurstLimit", 1000))));
  }

  @Test
  void routeSettingsUseOnlyTheKeysCloudFormationKnows() {
    Map<String, Object> stage =
        TemplateQueries.onlyProperties(aws.template(), "AWS::ApiGatewayV2::Stage");
    Map<?, ?> routeSettings = (Map<?, ?>) stage.get("RouteSettings");
    for (Object settings : routeSettings.values()) {
      assertThat(((Map<?, ?>) settings).keySet())
          .isNotEmpty()
          .allMatch(
              key ->
                  List.of(
                          "ThrottlingRateLimit",
                          "ThrottlingBurstLimit",
                          "DetailedMetricsEnabled",
                          "LoggingLevel",
                          "DataTraceEnabled")
                      .contains(key));
    }
  }

  @Test
  void stageIsCreatedAfterTheRegisterRouteItThrottles() {
    Map<String, Map<String, Object>> stages =
        aws.template().findResources("AWS::ApiGatewayV2::Stage");
    Object dependsOn = stages.values().iterator().next().get("DependsOn");
    assertThat(TemplateQueries.asList(dependsOn).toString()).contains("ApiPostRegisterRoute");
  }
}
