package dev.rendezvous.store.dynamodb;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds DynamoDB clients from the SDK's own environment conventions: {@code AWS_REGION}, and
 * {@code AWS_ENDPOINT_URL_DYNAMODB} for a local engine (dynalite) or LocalStack. With an explicit
 * endpoint and no AWS credentials in the environment, it uses fixed local credentials, so the SDK
 * never probes the instance metadata address on a developer's machine.
 */
public final class DynamoClientFactory {
  public static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_DYNAMODB";
  public static final String REGION_VARIABLE = "AWS_REGION";

  /** Environment variables that mean the SDK's default credential chain has something to use. */
  public static final List<String> CREDENTIAL_VARIABLES =
      List.of(
          "AWS_ACCESS_KEY_ID",
          "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
          "AWS_CONTAINER_CREDENTIALS_FULL_URI",
          "AWS_PROFILE",
          "AWS_LAMBDA_FUNCTION_NAME");

  private final Optional<URI> endpoint;
  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final Duration apiCallTimeout;

  private DynamoClientFactory(
      Optional<URI> endpoint, Region region, AwsCredentialsProvider credentials, Duration timeout) {
    this.endpoint = endpoint;
    this.region = region;
    this.credentials = credentials;
    this.apiCallTimeout = timeout;
  }

  /**
   * From the SDK's environment variables: {@code AWS_REGION}, {@code AWS_ENDPOINT_URL_DYNAMODB},
   * and whether any of the variables that give the SDK credentials is set.
   */
  public static DynamoClientFactory fromEnvironment(Map<String, String> env) {
    return of(
        text(env, ENDPOINT_VARIABLE).map(URI::create),
        text(env, REGION_VARIABLE),
        CREDENTIAL_VARIABLES.stream().anyMatch(env::containsKey));
  }

  /**
   * @param endpoint a local engine (dynalite) or LocalStack; empty for DynamoDB itself
   * @param region the table's region; may be empty only with an endpoint (then us-east-1)
   * @param credentialsConfigured whether the SDK's credential chain has something to find (keys, a
   *     profile, a container or Lambda role); with an endpoint and none, fixed local credentials
   *     are used, so the SDK never probes the instance metadata address on a developer's machine
   */
  public static DynamoClientFactory of(
      Optional<URI> endpoint, Optional<String> region, boolean credentialsConfigured) {
    String regionName =
        region
            .filter(r -> !r.isBlank())
            .map(String::strip)
            .orElseGet(() -> endpoint.isPresent() ? "us-east-1" : null);
    if (regionName == null) {
      throw new IllegalStateException(
          REGION_VARIABLE
              + " is not set: set it to the table's region, or set "
              + ENDPOINT_VARIABLE
              + " for a local DynamoDB engine");
    }
    AwsCredentialsProvider credentials =
        endpoint.isPresent() && !credentialsConfigured
            ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
            : DefaultCredentialsProvider.builder().build();
    return new DynamoClientFactory(
        endpoint, Region.of(regionName), credentials, Duration.ofSeconds(5));
  }

  private static Optional<String> text(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(s -> !s.isEmpty());
  }

  /** For a local engine at a known endpoint (tests, the local run). */
  public static DynamoClientFactory forLocalEndpoint(URI endpoint) {
    return new DynamoClientFactory(
        Optional.of(endpoint),
        Region.US_EAST_1,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")),
        Duration.ofSeconds(5));
  }

  /**
   * The same, with credentials that the SDK refreshes in the background before they expire, so that
   * a call started on an event loop never waits for a credentials refresh (static local credentials
   * stay as they are).
   */
  public DynamoClientFactory withBackgroundCredentialRefresh() {
    if (credentials instanceof StaticCredentialsProvider) {
      return this;
    }
    return new DynamoClientFactory(
        endpoint,
        region,
        DefaultCredentialsProvider.builder().asyncCredentialUpdateEnabled(true).build(),
        apiCallTimeout);
  }

  public DynamoClientFactory withApiCallTimeout(Duration timeout) {
    return new DynamoClientFactory(endpoint, region, credentials, timeout);
  }

  public Optional<URI> endpoint() {
    return endpoint;
  }

  /** A blocking client on the JDK's URL connection (small and quick to start: for Lambda). */
  public DynamoDbClient syncClient() {
    return syncClient(UrlConnectionHttpClient.builder().build());
  }

  /** A blocking client over the given HTTP client (tests wrap the real one to inject faults). */
  public DynamoDbClient syncClient(SdkHttpClient http) {
    return configured(DynamoDbClient.builder()).httpClient(http).build();
  }

  /**
   * A non-blocking client on Netty (for the edge), allowing {@code maxConcurrency} requests in
   * flight. Needs software.amazon.awssdk:netty-nio-client on the class path.
   */
  public DynamoDbAsyncClient asyncClient(int maxConcurrency) {
    return asyncClient(
        NettyNioAsyncHttpClient.builder()
            .maxConcurrency(maxConcurrency)
            .maxPendingConnectionAcquires(maxConcurrency * 4)
            .build());
  }

  /** A non-blocking client over the given HTTP client (tests wrap the real one). */
  public DynamoDbAsyncClient asyncClient(SdkAsyncHttpClient http) {
    return configured(DynamoDbAsyncClient.builder()).httpClient(http).build();
  }

  /** What both kinds of client share: region, credentials, call timeout and endpoint. */
  private <B extends AwsClientBuilder<B, ?>> B configured(B builder) {
    builder
        .region(region)
        .credentialsProvider(credentials)
        .overrideConfiguration(
            ClientOverrideConfiguration.builder().apiCallTimeout(apiCallTimeout).build());
    endpoint.ifPresent(builder::endpointOverride);
    return builder;
  }
}
