package dev.rendezvous.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.infra.SynthesizedStacks.Synthesized;
import dev.rendezvous.infra.construct.OriginVerification;
import dev.rendezvous.infra.construct.RendezvousApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Per-client-address protection: a WAF web ACL in us-east-1 with per-IP rate rules, on a CloudFront
 * distribution in front of the HTTP API, and an origin check on every route so that the API's own
 * endpoint cannot be used to go around it.
 */
class PerAddressLimitsTest {
  private final Synthesized aws = SynthesizedStacks.aws();
  private final Stack firewall =
      (Stack) aws.app().getNode().findChild(RendezvousApp.FIREWALL_STACK_NAME);
  private final Template firewallTemplate = Template.fromStack(firewall);

  @Test
  void theWebAclLivesInUsEast1ForCloudFront() {
    assertThat(firewall.getRegion()).isEqualTo("us-east-1");
    firewallTemplate.hasResourceProperties(
        "AWS::WAFv2::WebACL",
        Match.objectLike(
            Map.of("Scope", "CLOUDFRONT", "DefaultAction", Map.of("Allow", Map.of()))));
  }

  @Test
  void registerIsLimitedPerAddressToSixtyAMinute() {
    Map<String, Object> rule = rule("RegisterPerAddress");
    Map<?, ?> rate = (Map<?, ?>) ((Map<?, ?>) rule.get("Statement")).get("RateBasedStatement");
    assertThat(rate.get("AggregateKeyType")).isEqualTo("IP");
    assertThat(rate.get("Limit")).isEqualTo(60);
    assertThat(rate.get("EvaluationWindowSec")).isEqualTo(60);
    String scope = rate.get("ScopeDownStatement").toString();
    assertThat(scope)
        .contains("SearchString=/register", "UriPath", "SearchString=POST", "Method")
        .contains("PositionalConstraint=EXACTLY");
    assertThat(rule.get("Action").toString())
        .contains("ResponseCode=429", "CustomResponseBodyKey=TooManyRequests");
  }

  @Test
  void everyRequestIsLimitedPerAddressToSixHundredAMinute() {
    Map<String, Object> rule = rule("ApiPerAddress");
    Map<?, ?> rate = (Map<?, ?>) ((Map<?, ?>) rule.get("Statement")).get("RateBasedStatement");
    assertThat(rate.get("AggregateKeyType")).isEqualTo("IP");
    assertThat(rate.get("Limit")).isEqualTo(600);
    assertThat(rate.containsKey("ScopeDownStatement")).isFalse();
  }

  @Test
  void refusedClientsGetTheApisJson429() {
    Map<String, Object> acl =
        TemplateQueries.onlyProperties(firewallTemplate, "AWS::WAFv2::WebACL");
    assertThat(acl.get("CustomResponseBodies").toString())
        .contains("ContentType=APPLICATION_JSON")
        .contains("\"error\":\"too_many_requests\"");
  }

  @Test
  void cloudFrontFrontsTheApiWithTheWebAclNoCacheAndTheOriginHeader() {
    Map<String, Object> distribution =
        TemplateQueries.onlyProperties(aws.template(), "AWS::CloudFront::Distribution");
    Map<?, ?> config = (Map<?, ?>) distribution.get("DistributionConfig");
    assertThat(config.get("WebACLId"))
        .isEqualTo(
            Map.of(
                "Fn::GetStackOutput",
                Map.of(
                    "StackName",
                    "RendezvousFirewall",
                    "Region",
                    "us-east-1",
                    "OutputName",
                    TemplateQueries.onlyOutputName(firewallTemplate))));
    String text = config.toString();
    assertThat(text)
        .contains(
            "DomainName={Fn::Select=[2, {Fn::Split=[/, {Fn::GetAtt=[ApiHttpApi",
            "OriginProtocolPolicy=https-only",
            "ViewerProtocolPolicy=https-only")
        .contains("HeaderName=" + OriginVerification.HEADER)
        .contains("resolve:secretsmanager")
        // Managed policies: CachingDisabled, AllViewerExceptHostHeader.
        .contains("4135ea2d-6df8-44a3-9df3-4b5a84be39ad", "b689b0a8-53d0-40ab-baf2-68738e2966ac");
  }

  @Test
  void cloudFrontAnswersIpv6Clients() {
    Map<String, Object> distribution =
        TemplateQueries.onlyProperties(aws.template(), "AWS::CloudFront::Distribution");
    assertThat(((Map<?, ?>) distribution.get("DistributionConfig")).get("IPV6Enabled"))
        .isEqualTo(true);
  }

  @Test
  void everyRouteRequiresTheOriginHeader() {
    aws.has(
        "AWS::ApiGatewayV2::Authorizer",
        Map.of(
            "AuthorizerType",
            "REQUEST",
            "IdentitySource",
            List.of("$request.header." + OriginVerification.HEADER),
            "EnableSimpleResponses",
            true,
            "AuthorizerResultTtlInSeconds",
            3600));
    aws.template()
        .resourcePropertiesCountIs(
            "AWS::ApiGatewayV2::Route",
            Match.objectLike(Map.of("AuthorizationType", "CUSTOM")),
            RendezvousApi.ROUTE_KEYS.size() + 1); // and $default
  }

  @Test
  void theApiUrlOutputIsCloudFronts() {
    aws.template()
        .hasOutput(
            RendezvousStack.OUTPUT_API_URL,
            Match.objectLike(
                Map.of(
                    "Value",
                    Match.objectLike(
                        Map.of(
                            "Fn::Join",
                            List.of(
                                "",
                                List.of(
                                    "https://",
                                    Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue())),
                                    "/")))))));
    assertThat(aws.template().toJSON().get("Outputs").toString()).doesNotContain("ApiEndpoint");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> rule(String name) {
    Map<String, Object> acl =
        TemplateQueries.onlyProperties(firewallTemplate, "AWS::WAFv2::WebACL");
    return ((List<Map<String, Object>>) acl.get("Rules"))
        .stream().filter(r -> name.equals(r.get("Name"))).findFirst().orElseThrow();
  }
}
