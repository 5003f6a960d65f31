package dev.rendezvous.functions.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.HashMap;
import java.util.Map;

/**
 * The AWS SDK's own environment conventions that the DynamoDB client depends on, bound from the
 * environment ({@code AWS_REGION} becomes {@code aws.region}, {@code AWS_ENDPOINT_URL_DYNAMODB}
 * becomes {@code aws.endpoint-url-dynamodb}, and so on). Only whether credentials are present is
 * read here; the SDK's credential chain reads them itself.
 */
@ConfigurationProperties("aws")
public class AwsProperties {
  @Nullable private String region;
  @Nullable private String endpointUrlDynamodb;
  @Nullable private String accessKeyId;
  @Nullable private String profile;
  @Nullable private String lambdaFunctionName;
  @Nullable private String containerCredentialsRelativeUri;
  @Nullable private String containerCredentialsFullUri;

  /** The same facts under the environment variable names that {@code DynamoClientFactory} reads. */
  public Map<String, String> asEnvironment() {
    Map<String, String> env = new HashMap<>();
    put(env, "AWS_REGION", region);
    put(env, "AWS_ENDPOINT_URL_DYNAMODB", endpointUrlDynamodb);
    put(env, "AWS_ACCESS_KEY_ID", accessKeyId);
    put(env, "AWS_PROFILE", profile);
    put(env, "AWS_LAMBDA_FUNCTION_NAME", lambdaFunctionName);
    put(env, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", containerCredentialsRelativeUri);
    put(env, "AWS_CONTAINER_CREDENTIALS_FULL_URI", containerCredentialsFullUri);
    return env;
  }

  private static void put(Map<String, String> env, String name, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      env.put(name, value.strip());
    }
  }

  @Nullable
  public String getRegion() {
    return region;
  }

  public void setRegion(@Nullable String region) {
    this.region = region;
  }

  @Nullable
  public String getEndpointUrlDynamodb() {
    return endpointUrlDynamodb;
  }

  public void setEndpointUrlDynamodb(@Nullable String endpointUrlDynamodb) {
    this.endpointUrlDynamodb = endpointUrlDynamodb;
  }

  @Nullable
  public String getAccessKeyId() {
    return accessKeyId;
  }

  public void setAccessKeyId(@Nullable String accessKeyId) {
    this.accessKeyId = accessKeyId;
  }

  @Nullable
  public String getProfile() {
    return profile;
  }

  public void setProfile(@Nullable String profile) {
    this.profile = profile;
  }

  @Nullable
  public String getLambdaFunctionName() {
    return lambdaFunctionName;
  }

  public void setLambdaFunctionName(@Nullable String lambdaFunctionName) {
    this.lambdaFunctionName = lambdaFunctionName;
  }

  @Nullable
  public String getContainerCredentialsRelativeUri() {
    return containerCredentialsRelativeUri;
  }

  public void setContainerCredentialsRelativeUri(@Nullable String uri) {
    this.containerCredentialsRelativeUri = uri;
  }

  @Nullable
  public String getContainerCredentialsFullUri() {
    return containerCredentialsFullUri;
  }

  public void setContainerCredentialsFullUri(@Nullable String uri) {
    this.containerCredentialsFullUri = uri;
  }
}
