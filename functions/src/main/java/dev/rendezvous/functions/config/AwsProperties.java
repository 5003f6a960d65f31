package dev.rendezvous.functions.config;

import dev.rendezvous.store.dynamodb.DynamoClientFactory;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The AWS SDK's own environment conventions that the DynamoDB client depends on, as Micronaut binds
 * them ({@code AWS_REGION} becomes {@code aws.region}, {@code AWS_ENDPOINT_URL_DYNAMODB} becomes
 * {@code aws.endpoint-url-dynamodb}, and so on). Of the credential variables only their presence is
 * read; the SDK's credential chain reads them itself.
 */
@ConfigurationProperties("aws")
public record AwsProperties(
    @Nullable String region,
    @Nullable String endpointUrlDynamodb,
    @Nullable String accessKeyId,
    @Nullable String profile,
    @Nullable String lambdaFunctionName,
    @Nullable String containerCredentialsRelativeUri,
    @Nullable String containerCredentialsFullUri) {

  /** Builds DynamoDB clients for these settings. */
  public DynamoClientFactory dynamoClients() {
    return DynamoClientFactory.of(
        present(endpointUrlDynamodb).map(URI::create), present(region), credentialsConfigured());
  }

  private boolean credentialsConfigured() {
    return Stream.of(
            accessKeyId,
            profile,
            lambdaFunctionName,
            containerCredentialsRelativeUri,
            containerCredentialsFullUri)
        .anyMatch(value -> present(value).isPresent());
  }

  private static Optional<String> present(@Nullable String value) {
    return Optional.ofNullable(value).map(String::strip).filter(s -> !s.isEmpty());
  }
}
