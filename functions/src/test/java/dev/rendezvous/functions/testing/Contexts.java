package dev.rendezvous.functions.testing;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Application contexts configured the way Lambda configures them (environments function and lambda,
 * eager singletons), with test properties in place of environment variables.
 */
public final class Contexts {
  private Contexts() {}

  public static ApplicationContextBuilder lambda(Map<String, Object> properties, Clock clock) {
    ApplicationContextBuilder builder =
        new LambdaApplicationContextBuilder()
            .environments(Environment.TEST)
            .deduceEnvironment(false)
            .properties(new HashMap<>(properties));
    if (clock != null) {
      builder.singletons(clock);
    }
    return builder;
  }

  /** Properties for the DynamoDB store on a local engine, as the environment would give them. */
  public static Map<String, Object> dynamo(String endpoint, String table) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("aws.endpoint-url-dynamodb", endpoint);
    properties.put("aws.region", "us-east-1");
    properties.put("rendezvous.table", table);
    return properties;
  }
}
