package dev.rendezvous.infra.construct;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.OriginSslPolicy;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.HttpOrigin;
import software.amazon.awscdk.services.cloudfront.origins.HttpOriginProps;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The clients' HTTPS entry: a CloudFront distribution in front of the HTTP API, with the
 * per-address limits of {@link ApiFirewall} attached. Nothing is cached (every route is dynamic and
 * most are authenticated); every viewer header except Host reaches the API (Authorization included;
 * API Gateway needs its own Host), and CloudFront adds the origin header that {@link
 * OriginVerification} checks.
 */
public final class ApiFront extends Construct {
  private final Distribution distribution;
  private final Bucket logs;

  /**
   * @param webAclArn the per-address limits ({@link ApiFirewall}, in us-east-1)
   * @param logRetentionDays how long CloudFront's access logs are kept
   */
  public ApiFront(
      Construct scope,
      String id,
      HttpApi api,
      OriginVerification origin,
      String webAclArn,
      int logRetentionDays) {
    super(scope, id);
    // CloudFront's standard logs record every request with its client address, including those
    // the firewall refused (the API's own access log sees only CloudFront's addresses). CloudFront
    // writes them with ACLs, hence object-writer ownership; kept when the stack is deleted.
    this.logs =
        Bucket.Builder.create(this, "Logs")
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .encryption(BucketEncryption.S3_MANAGED)
            .enforceSsl(true)
            .objectOwnership(ObjectOwnership.OBJECT_WRITER)
            .lifecycleRules(
                List.of(
                    LifecycleRule.builder().expiration(Duration.days(logRetentionDays)).build()))
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    Acknowledge.finding(
        logs,
        "AwsSolutions-S1",
        "This bucket holds CloudFront's access logs; logging the access to it would need another"
            + " bucket for the same purpose, and only CloudFront writes to it.");
    // "https://abc123.execute-api.eu-west-1.amazonaws.com" -> the host name.
    String apiHost = Fn.select(2, Fn.split("/", api.getApiEndpoint()));
    this.distribution =
        Distribution.Builder.create(this, "Distribution")
            .comment("Rendezvous HTTP API (origin secret generation " + origin.generation() + ")")
            .defaultBehavior(
                BehaviorOptions.builder()
                    .origin(
                        new HttpOrigin(
                            apiHost,
                            HttpOriginProps.builder()
                                .protocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)
                                .originSslProtocols(List.of(OriginSslPolicy.TLS_V1_2))
                                .customHeaders(
                                    Map.of(OriginVerification.HEADER, origin.headerValue()))
                                .build()))
                    .allowedMethods(AllowedMethods.ALLOW_ALL)
                    .cachePolicy(CachePolicy.CACHING_DISABLED)
                    .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
                    .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
                    .compress(false)
                    .build())
            .httpVersion(HttpVersion.HTTP2_AND_3)
            // Phones on IPv6-only networks reach the API directly (AAAA records).
            .enableIpv6(true)
            .priceClass(PriceClass.PRICE_CLASS_ALL)
            .webAclId(webAclArn)
            .enableLogging(true)
            .logBucket(logs)
            .logFilePrefix("cloudfront/")
            .build();
    Acknowledge.finding(
        distribution,
        "AwsSolutions-CFR4",
        "The distribution answers on its cloudfront.net name, whose certificate CloudFront serves"
            + " under the TLSv1 security policy; a newer minimum needs a custom domain and an ACM"
            + " certificate. The apps (Java and Android clients) negotiate TLS 1.2 or 1.3.");
    Acknowledge.finding(
        distribution,
        "AwsSolutions-CFR1",
        "Apps pulse and look peers up from every country; a geographic restriction would cut off"
            + " users, and the per-address limits already bound what any one source can do.");
  }

  /** The base URL clients call ({@code https://d111111abcdef8.cloudfront.net/}). */
  public String url() {
    return "https://" + distribution.getDistributionDomainName() + "/";
  }

  public Bucket logs() {
    return logs;
  }

  public Distribution distribution() {
    return distribution;
  }
}
