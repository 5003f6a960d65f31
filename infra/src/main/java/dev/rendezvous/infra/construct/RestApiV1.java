package dev.rendezvous.infra.construct;

import java.util.Objects;
import software.amazon.awscdk.services.apigateway.LambdaRestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * A REST API (API Gateway v1, payload format 1.0) proxying every path to the function: the API
 * front end of the LocalStack stage, because LocalStack's free tier emulates REST APIs but not HTTP
 * APIs. The function behind it must run the v1 handler ({@link
 * RendezvousFunctionsProps#REST_API_HANDLER}).
 */
public final class RestApiV1 extends Construct {
  private final LambdaRestApi restApi;

  public RestApiV1(Construct scope, String id, IFunction handler, Throttle throttle) {
    super(scope, id);
    Objects.requireNonNull(handler, "handler");
    this.restApi =
        LambdaRestApi.Builder.create(this, "RestApi")
            .description("Rendezvous (REST v1, for LocalStack)")
            .handler(handler)
            .proxy(true)
            .cloudWatchRole(false)
            .deployOptions(
                StageOptions.builder()
                    .stageName("local")
                    .throttlingRateLimit(throttle.ratePerSecond())
                    .throttlingBurstLimit(throttle.burst())
                    .build())
            .build();
  }

  public LambdaRestApi restApi() {
    return restApi;
  }

  public String url() {
    return restApi.getUrl();
  }
}
