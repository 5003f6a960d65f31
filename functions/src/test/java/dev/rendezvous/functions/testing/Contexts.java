package dev.rendezvous.functions.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Application contexts configured the way Lambda configures them, plus test properties. */
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

  public static ApplicationContext start(Map<String, Object> properties, Clock clock) {
    return lambda(properties, clock).build().start();
  }
}
