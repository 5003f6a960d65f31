package dev.rendezvous.infra.construct;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegrationProps;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpRouteKey;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.PayloadFormatVersion;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.constructs.Construct;

/**
 * The HTTP API (API Gateway v2, payload format 2.0) with the five SPEC routes on one Lambda
 * integration, plus a {@code $default} route to the same function so that an unknown path or a
 * wrong method gets the SPEC's JSON 404/405 from the application instead of API Gateway's own
 * {@code {"message":"Not Found"}}. The {@code $default} stage throttles the whole API and, more
 * tightly, {@code POST /register}.
 */
public final class RendezvousApi extends Construct {
  /** The SPEC routes, as API Gateway route keys. */
  public static final List<String> ROUTE_KEYS =
      List.of(
          "POST /register",
          "POST /verify",
          "POST /logout",
          "GET /peer/{client_id}/udp",
          "GET /peer/{client_id}/udp/status");

  static final String REGISTER_ROUTE = "POST /register";

  private final HttpApi httpApi;
  private final HttpStage stage;

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
              .build();
      if (routeKey.equals(REGISTER_ROUTE)) {
        register = route;
      }
    }
    HttpRoute.Builder.create(this, "DefaultRoute")
        .httpApi(httpApi)
        .routeKey(HttpRouteKey.DEFAULT)
        .integration(integration)
        .build();
    this.stage =
        HttpStage.Builder.create(this, "DefaultStage")
            .httpApi(httpApi)
            .stageName("$default")
            .autoDeploy(true)
            .throttle(
                ThrottleSettings.builder()
                    .rateLimit(props.stageThrottle().ratePerSecond())
                    .burstLimit(props.stageThrottle().burst())
                    .build())
            .build();
    CfnStage cfnStage = (CfnStage) stage.getNode().getDefaultChild();
    cfnStage.setRouteSettings(
        Map.of(
            REGISTER_ROUTE,
            CfnStage.RouteSettingsProperty.builder()
                .throttlingRateLimit(props.registerThrottle().ratePerSecond())
                .throttlingBurstLimit(props.registerThrottle().burst())
                .build()));
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

  public HttpStage stage() {
    return stage;
  }

  /** The base URL clients call ({@code https://<id>.execute-api.<region>.amazonaws.com/}). */
  public String url() {
    return httpApi.getApiEndpoint() + "/";
  }
}
