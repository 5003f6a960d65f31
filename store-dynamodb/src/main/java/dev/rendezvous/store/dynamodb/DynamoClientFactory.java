package dev.rendezvous.store.dynamodb;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
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

  public static DynamoClientFactory fromEnvironment(Map<String, String> env) {
    Optional<URI> endpoint =
        Optional.ofNullable(env.get(ENDPOINT_VARIABLE)).filter(s -> !s.isBlank()).map(URI::create);
    String regionName =
        Optional.ofNullable(env.get(REGION_VARIABLE))
            .filter(s -> !s.isBlank())
            .orElse(endpoint.isPresent() ? "us-east-1" : null);
    if (regionName == null) {
      throw new IllegalStateException(
          REGION_VARIABLE
              + " is not set: set it to the table's region, or set "
              + ENDPOINT_VARIABLE
              + " for a local DynamoDB engine");
    }
    boolean hasAwsCredentials =
        env.containsKey("AWS_ACCESS_KEY_ID")
            || env.containsKey("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
            || env.containsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI")
            || env.containsKey("AWS_PROFILE")
            || env.containsKey("AWS_LAMBDA_FUNCTION_NAME");
    AwsCredentialsProvider credentials =
        endpoint.isPresent() && !hasAwsCredentials
            ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
            : DefaultCredentialsProvider.builder().build();
    return new DynamoClientFactory(
        endpoint, Region.of(regionName), credentials, Duration.ofSeconds(5));
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
    var builder =
        DynamoDbClient.builder()
            .region(region)
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.builder().build())
            .overrideConfiguration(
                ClientOverrideConfiguration.builder().apiCallTimeout(apiCallTimeout).build());
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /**
   * A non-blocking client on Netty (for the edge), allowing {@code maxConcurrency} requests in
   * flight. Needs software.amazon.awssdk:netty-nio-client on the class path.
   */
  public DynamoDbAsyncClient asyncClient(int maxConcurrency) {
    var builder =
        DynamoDbAsyncClient.builder()
            .region(region)
            .credentialsProvider(credentials)
            .httpClient(
                NettyNioAsyncHttpClient.builder()
                    .maxConcurrency(maxConcurrency)
                    .maxPendingConnectionAcquires(maxConcurrency * 4)
                    .build())
            .overrideConfiguration(
                ClientOverrideConfiguration.builder().apiCallTimeout(apiCallTimeout).build());
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }
}
