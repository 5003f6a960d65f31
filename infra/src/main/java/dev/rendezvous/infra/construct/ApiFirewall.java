package dev.rendezvous.infra.construct;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACL.AndStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.BlockActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.ByteMatchStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.CustomResponseBodyProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.CustomResponseProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.FieldToMatchProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RateBasedStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.StatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.TextTransformationProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.VisibilityConfigProperty;
import software.constructs.Construct;

/**
 * Per-client-address limits in front of the HTTP API (AWS WAF on the CloudFront distribution; a web
 * ACL for CloudFront must live in us-east-1). Two rate-based rules, each counting requests per
 * source IP over one minute: {@code POST /register} alone, and every request. An address over a
 * limit gets the API's JSON 429 ({@code too_many_requests}) until its rate falls back under it;
 * every other address is untouched, so one script can no longer spend everybody's budget.
 */
public final class ApiFirewall extends Construct {
  static final String TOO_MANY = "TooManyRequests";
  static final String TOO_MANY_BODY =
      "{\"ok\":false,\"error\":\"too_many_requests\","
          + "\"message\":\"too many requests from this address; retry later\"}";

  private final CfnWebACL webAcl;

  /**
   * @param registerPerIpPerMinute {@code POST /register} requests one address may make a minute
   * @param apiPerIpPerMinute requests of any kind one address may make a minute
   */
  public ApiFirewall(
      Construct scope, String id, int registerPerIpPerMinute, int apiPerIpPerMinute) {
    super(scope, id);
    this.webAcl =
        CfnWebACL.Builder.create(this, "WebAcl")
            .scope("CLOUDFRONT")
            .description("Rendezvous: per-address request limits")
            .defaultAction(
                CfnWebACL.DefaultActionProperty.builder()
                    .allow(CfnWebACL.AllowActionProperty.builder().build())
                    .build())
            .visibilityConfig(visibility("RendezvousApi"))
            .customResponseBodies(
                Map.of(
                    TOO_MANY,
                    CustomResponseBodyProperty.builder()
                        .contentType("APPLICATION_JSON")
                        .content(TOO_MANY_BODY)
                        .build()))
            .rules(
                List.of(
                    perAddress(
                        "RegisterPerAddress",
                        0,
                        registerPerIpPerMinute,
                        StatementProperty.builder()
                            .andStatement(
                                AndStatementProperty.builder()
                                    .statements(
                                        List.of(
                                            exactly("/register", uriPath()),
                                            exactly("POST", method())))
                                    .build())
                            .build()),
                    perAddress("ApiPerAddress", 1, apiPerIpPerMinute, null)))
            .build();
  }

  private static RuleProperty perAddress(
      String name, int priority, int limitPerMinute, StatementProperty scopeDown) {
    return RuleProperty.builder()
        .name(name)
        .priority(priority)
        .action(
            RuleActionProperty.builder()
                .block(
                    BlockActionProperty.builder()
                        .customResponse(
                            CustomResponseProperty.builder()
                                .responseCode(429)
                                .customResponseBodyKey(TOO_MANY)
                                .build())
                        .build())
                .build())
        .statement(
            StatementProperty.builder()
                .rateBasedStatement(
                    RateBasedStatementProperty.builder()
                        .aggregateKeyType("IP")
                        .evaluationWindowSec(60)
                        .limit(limitPerMinute)
                        .scopeDownStatement(scopeDown)
                        .build())
                .build())
        .visibilityConfig(visibility(name))
        .build();
  }

  private static StatementProperty exactly(String value, FieldToMatchProperty field) {
    return StatementProperty.builder()
        .byteMatchStatement(
            ByteMatchStatementProperty.builder()
                .searchString(value)
                .fieldToMatch(field)
                .positionalConstraint("EXACTLY")
                .textTransformations(
                    List.of(TextTransformationProperty.builder().priority(0).type("NONE").build()))
                .build())
        .build();
  }

  private static FieldToMatchProperty uriPath() {
    return FieldToMatchProperty.builder().uriPath(Map.of()).build();
  }

  private static FieldToMatchProperty method() {
    return FieldToMatchProperty.builder().method(Map.of()).build();
  }

  private static VisibilityConfigProperty visibility(String metricName) {
    return VisibilityConfigProperty.builder()
        .metricName(metricName)
        .cloudWatchMetricsEnabled(true)
        .sampledRequestsEnabled(true)
        .build();
  }

  public String webAclArn() {
    return webAcl.getAttrArn();
  }

  public CfnWebACL webAcl() {
    return webAcl;
  }
}
