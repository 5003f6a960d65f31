package dev.rendezvous.functions.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import dev.rendezvous.functions.testing.Contexts;
import dev.rendezvous.functions.testing.HttpEvents;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.DefaultLambdaContextFactory;
import io.micronaut.function.aws.LambdaContextFactory;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-event cost of the handler must not grow: micronaut-function-aws 4.11.0 registers every
 * invocation's Lambda Context as a new singleton. Checked deterministically by counting the bean
 * definitions of the application context over thousands of events.
 */
class ContextGrowthTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();

  private static final int EVENTS = 2000;

  @Test
  void thousandsOfEventsRegisterNoBeans() {
    Map<String, Object> properties =
        Contexts.dynamo(DYNALITE.endpoint().toString(), DYNALITE.createTable());
    try (APIGatewayV2HTTPEventFunction handler =
        new APIGatewayV2HTTPEventFunction(Contexts.lambda(properties, null).build().start())) {
      ApplicationContext context = handler.getApplicationContext();
      assertThat(context.getBean(LambdaContextFactory.class))
          .isInstanceOf(PerInvocationContextFactory.class);
      String key =
          dev.rendezvous.functions.testing.Responses.json(
                  handler
                      .handleRequest(
                          HttpEvents.v2("POST", "/register", Map.of(), null),
                          new MockLambdaContext())
                      .getBody())
              .get("private_id")
              .asText();
      int before = context.getAllBeanDefinitions().size();

      for (int i = 0; i < EVENTS; i++) {
        // Mostly answered without storage (a 405), every 50th a real verify on dynalite.
        var event =
            i % 50 == 0
                ? HttpEvents.v2("POST", "/verify", HttpEvents.bearer(key), null)
                : HttpEvents.v2("GET", "/register", Map.of(), null);
        int status = handler.handleRequest(event, new MockLambdaContext()).getStatusCode();
        assertThat(status).isEqualTo(i % 50 == 0 ? 200 : 405);
      }

      assertThat(context.getAllBeanDefinitions()).hasSize(before);
      assertThat(context.findBean(Context.class)).isEmpty();
    }
  }

  @Test
  void theCountWouldShowTheDefectOfTheDefaultFactory() {
    try (ApplicationContext context =
        Contexts.lambda(Map.of("rendezvous.store", "memory"), null).build().start()) {
      int before = context.getAllBeanDefinitions().size();
      DefaultLambdaContextFactory defective = new DefaultLambdaContextFactory(context);

      for (int i = 0; i < 10; i++) {
        defective.registerSingletons(new MockLambdaContext());
      }

      assertThat(context.getAllBeanDefinitions().size()).isGreaterThanOrEqualTo(before + 10);
    }
  }

  @Test
  void theCurrentInvocationKeepsOnlyTheLatestContext() {
    try (ApplicationContext context =
        Contexts.lambda(Map.of("rendezvous.store", "memory"), null).build().start()) {
      CurrentInvocation current = context.getBean(CurrentInvocation.class);
      assertThat(current.remainingTime()).isEmpty();

      context.getBean(LambdaContextFactory.class).registerSingletons(new RemainingTime(9_000));
      assertThat(current.remainingTime())
          .hasValueSatisfying(d -> assertThat(d.toMillis()).isEqualTo(9_000));
      context.getBean(LambdaContextFactory.class).registerSingletons(new RemainingTime(4_000));
      assertThat(current.remainingTime())
          .hasValueSatisfying(d -> assertThat(d.toMillis()).isEqualTo(4_000));
    }
  }

  /** A Lambda context with a given remaining time (MockLambdaContext always says 0). */
  static final class RemainingTime extends MockLambdaContext {
    private final int remainingMillis;

    RemainingTime(int remainingMillis) {
      this.remainingMillis = remainingMillis;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return remainingMillis;
    }
  }
}
