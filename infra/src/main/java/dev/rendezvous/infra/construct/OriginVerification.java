package dev.rendezvous.infra.construct;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaAuthorizerProps;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaResponseType;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * Keeps the HTTP API reachable only through CloudFront (where the per-address limits are): a
 * generated secret that CloudFront sends as the header {@value #HEADER}, and a Lambda authorizer on
 * every route that admits only requests carrying it. API Gateway refuses a request without the
 * header (401) before any function runs, and caches the authorizer's answer per header value for an
 * hour, so the authorizer runs about once an hour. The secret is the origin's lock, not a user
 * credential: anyone allowed to read the distribution's or the function's configuration sees it.
 */
public final class OriginVerification extends Construct {
  /** The header CloudFront adds to every request it sends to the API. */
  public static final String HEADER = "x-rendezvous-origin";

  static final String CODE_RESOURCE = "origin-authorizer.js";

  private final int generation;
  private final Secret secret;
  private final Function function;
  private final HttpLambdaAuthorizer authorizer;

  /**
   * @param generation bumped to rotate the secret: CloudFormation reads a dynamic reference again
   *     only for resources that change, so the generation is part of both readers' configuration
   */
  public OriginVerification(
      Construct scope, String id, RetentionDays logRetention, int generation) {
    super(scope, id);
    this.generation = generation;
    this.secret =
        Secret.Builder.create(this, "Secret")
            .description("Rendezvous: the header value CloudFront sends to the HTTP API")
            .generateSecretString(
                SecretStringGenerator.builder().passwordLength(48).excludePunctuation(true).build())
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    Acknowledge.finding(
        secret,
        "AwsSolutions-SMG4",
        "The value is CloudFront's origin header, not a user credential, and two resources hold"
            + " it (the distribution and the authorizer), resolved at deploy time: a rotation"
            + " Lambda could change neither. Rotate by putting a new value and deploying"
            + " (docs/deploy.md).");
    OwnLogs own = OwnLogs.of(this, "Rendezvous origin check: its own log group only", logRetention);
    LogGroup logs = own.logs();
    Role role = own.role();
    this.function =
        Function.Builder.create(this, "Function")
            .description("Rendezvous: admits only requests that came through CloudFront")
            .runtime(Runtime.NODEJS_24_X)
            .architecture(Architecture.ARM_64)
            .handler("index.handler")
            .code(Code.fromInline(code()))
            .memorySize(128)
            .timeout(Duration.seconds(3))
            .role(role)
            .logGroup(logs)
            .environment(
                Map.of(
                    "ORIGIN_SECRET", headerValue(),
                    "ORIGIN_SECRET_GENERATION", Integer.toString(generation)))
            .build();
    this.authorizer =
        new HttpLambdaAuthorizer(
            "OriginCheck",
            function,
            HttpLambdaAuthorizerProps.builder()
                .responseTypes(List.of(HttpLambdaResponseType.SIMPLE))
                .identitySource(List.of("$request.header." + HEADER))
                .resultsCacheTtl(Duration.hours(1))
                .build());
  }

  /** The authorizer's source, shipped in this jar and tested with node. */
  public static String code() {
    try (InputStream in = OriginVerification.class.getResourceAsStream(CODE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + CODE_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A dynamic reference CloudFormation resolves to the secret at deploy time. */
  public String headerValue() {
    return secret.getSecretValue().unsafeUnwrap();
  }

  public int generation() {
    return generation;
  }

  public Secret secret() {
    return secret;
  }

  public Function function() {
    return function;
  }

  public HttpLambdaAuthorizer authorizer() {
    return authorizer;
  }
}
