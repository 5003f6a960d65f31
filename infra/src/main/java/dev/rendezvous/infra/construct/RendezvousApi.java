package dev.rendezvous.infra.construct;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegrationProps;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpRouteKey;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.PayloadFormatVersion;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.constructs.Construct;

/**
 * The HTTP API (API Gateway v2, payload format 2.0) with the routes of docs/openapi.yaml on one
 * Lambda integration, plus a {@code $default} route to the same function so that an unknown path or
 * a wrong method gets the documented JSON 404/405 from the application instead of API Gateway's own
 * {@code {"message":"Not Found"}}. The {@code $default} stage throttles the whole API and, more
 * tightly, {@code POST /register}.
 */
public final class RendezvousApi extends Construct {
  /** The documented routes, as API Gateway route keys. */
  public static final List<String> ROUTE_KEYS =
      List.of(
          "POST /register",
          "POST /verify",
          "POST /logout",
          "PUT /me/candidates",
          "GET /peer/{client_id}/udp",
          "GET /peer/{client_id}/udp/status",
          "POST /peer/{client_id}/connect",
          "GET /calls/{call_id}",
          "GET /call-policy",
          "PUT /call-policy");

  static final String REGISTER_ROUTE = "POST /register";

  /** The access log's fields, one JSON object per request (status as a number, for filters). */
  static final String ACCESS_LOG_FORMAT =
      "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
          + "\"requestTime\":\"$context.requestTime\",\"routeKey\":\"$context.routeKey\","
          + "\"status\":$context.status,\"protocol\":\"$context.protocol\","
          + "\"responseLength\":\"$context.responseLength\","
          + "\"integrationLatency\":\"$context.integrationLatency\","
          + "\"error\":\"$context.error.message\"}";

  /** The metric the access log's 429 lines count (API Gateway has none of its own for them). */
  public static final String THROTTLED_METRIC = "ApiThrottled";

  private final HttpApi httpApi;
  private final HttpStage stage;
  private final LogGroup accessLogs;

  public RendezvousApi(Construct scope, String id, RendezvousApiProps props) {
    super(scope, id);
    this.httpApi =
        HttpApi.Builder.create(this, "HttpApi")
            .description("Rendezvous: register, verify, logout, peer lookups")
            .createDefaultStage(false)
            .build();
    HttpLambdaIntegration integration =
        new HttpLambdaIntegration(
            "Functions",
            props.handler(),
            HttpLambdaIntegrationProps.builder()
                .payloadFormatVersion(PayloadFormatVersion.VERSION_2_0)
                .build());
    HttpRoute register = null;
    for (String routeKey : ROUTE_KEYS) {
      int space = routeKey.indexOf(' ');
      HttpRoute route =
          HttpRoute.Builder.create(this, routeId(routeKey))
              .httpApi(httpApi)
              .routeKey(
                  HttpRouteKey.with(
                      routeKey.substring(space + 1),
                      HttpMethod.valueOf(routeKey.substring(0, space))))
              .integration(integration)
              .authorizer(props.authorizer())
              .build();
      if (routeKey.equals(REGISTER_ROUTE)) {
        register = route;
      }
    }
    HttpRoute.Builder.create(this, "DefaultRoute")
        .httpApi(httpApi)
        .routeKey(HttpRouteKey.DEFAULT)
        .integration(integration)
        .authorizer(props.authorizer())
        .build();
    this.accessLogs =
        LogGroup.Builder.create(this, "AccessLogs")
            .retention(props.logRetention())
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    MetricFilter.Builder.create(this, "Throttled")
        .logGroup(accessLogs)
        .filterPattern(FilterPattern.numberValue("$.status", "=", 429))
        .metricNamespace(UdpEdgeService.METRICS_NAMESPACE)
        .metricName(THROTTLED_METRIC)
        .metricValue("1")
        .build();
    this.stage =
        HttpStage.Builder.create(this, "DefaultStage")
            .httpApi(httpApi)
            .stageName("$default")
            .autoDeploy(true)
            .accessLogSettings(
                new IAccessLogSettings() {
                  @Override
                  public IAccessLogDestination getDestination() {
                    return new LogGroupLogDestination(accessLogs);
                  }

                  @Override
                  public AccessLogFormat getFormat() {
                    return AccessLogFormat.custom(ACCESS_LOG_FORMAT);
                  }
                })
            .throttle(
                ThrottleSettings.builder()
                    .rateLimit(props.stageThrottle().ratePerSecond())
                    .burstLimit(props.stageThrottle().burst())
                    .build())
            .build();
    // RouteSettings is untyped JSON in CloudFormation: a typed RouteSettingsProperty would be
    // written with its Java (camelCase) names, which API Gateway ignores. Spell the keys out.
    CfnStage cfnStage = (CfnStage) stage.getNode().getDefaultChild();
    cfnStage.setRouteSettings(
        Map.of(
            REGISTER_ROUTE,
            Map.of(
                "ThrottlingRateLimit", props.registerThrottle().ratePerSecond(),
                "ThrottlingBurstLimit", props.registerThrottle().burst())));
    // Route settings name a route key: the route must exist before the stage refers to it.
    stage.getNode().addDependency(register);
  }

  /** "GET /peer/{client_id}/udp" becomes "GetPeerClientIdUdpRoute". */
  private static String routeId(String routeKey) {
    StringBuilder id = new StringBuilder();
    boolean wordStart = true;
    for (int i = 0; i < routeKey.length(); i++) {
      char c = routeKey.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        id.append(wordStart ? Character.toUpperCase(c) : Character.toLowerCase(c));
        wordStart = false;
      } else {
        wordStart = true;
      }
    }
    return id.append("Route").toString();
  }

  public HttpApi httpApi() {
    return httpApi;
  }

  public LogGroup accessLogs() {
    return accessLogs;
  }

  /** 429 answers per 5 minutes, counted from the access log. */
  public Metric throttledMetric() {
    return Metric.Builder.create()
        .namespace(UdpEdgeService.METRICS_NAMESPACE)
        .metricName(THROTTLED_METRIC)
        .statistic("Sum")
        .period(Duration.minutes(5))
        .build();
  }

  public HttpStage stage() {
    return stage;
  }

  /** The base URL clients call ({@code https://<id>.execute-api.<region>.amazonaws.com/}). */
  public String url() {
    return httpApi.getApiEndpoint() + "/";
  }
}
