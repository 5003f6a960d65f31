package dev.rendezvous.functions.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.core.registry.SweepReport;
import dev.rendezvous.functions.lambda.CurrentInvocation;
import dev.rendezvous.functions.testing.Contexts;
import dev.rendezvous.functions.testing.LambdaRuntime;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.store.dynamodb.DynamoStoreSettings;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import dev.rendezvous.testkit.MutableClock;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.LambdaContextFactory;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scheduled function through its real handler, on dynalite, with a raw EventBridge event. */
class ExpiryFunctionTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();

  /** The sweep finds a client at most two bucket widths after it expired. */
  private static final Duration SWEEP_DELAY =
      Duration.ofSeconds(2 * DynamoStoreSettings.DEFAULT_SWEEP_BUCKET_SECONDS);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-06T07:08:09Z"));

  /** The function over the DynamoDB store, on a fresh table. */
  private ExpiryFunction onDynamo() {
    Map<String, Object> properties =
        Contexts.dynamo(DYNALITE.endpoint().toString(), DYNALITE.createTable());
    return new ExpiryFunction(Contexts.lambda(properties, clock));
  }

  @Test
  void deletesExpiredClientsAndKeepsLiveOnes() {
    try (ExpiryFunction function = onDynamo()) {
      ClientRegistry registry = function.getApplicationContext().getBean(ClientRegistry.class);
      CredentialFactory credentials = new CredentialFactory();
      ClientCredentials gone1 = credentials.issue();
      ClientCredentials gone2 = credentials.issue();
      registry.register(gone1);
      registry.register(gone2);
      // Past their expiry (30 + 180 s) and past the end of their sweep bucket.
      clock.advance(Duration.ofSeconds(30 + 180 + 1).plus(SWEEP_DELAY));
      ClientCredentials alive = credentials.issue();
      registry.register(alive);

      ScheduledEvent event =
          LambdaRuntime.event(LambdaRuntime.resource("scheduled.json"), ScheduledEvent.class);
      function.handleRequest(event, new MockLambdaContext());

      assertThat(registry.find(gone1.clientId())).isEmpty();
      assertThat(registry.find(gone2.clientId())).isEmpty();
      assertThat(registry.find(alive.clientId())).isPresent();
    }
  }

  @Test
  void reportsWhatItSwept() {
    try (ExpiryFunction function = onDynamo()) {
      ClientRegistry registry = function.getApplicationContext().getBean(ClientRegistry.class);
      ClientCredentials gone = new CredentialFactory().issue();
      registry.register(gone);
      clock.advance(Duration.ofSeconds(30 + 180 + 1).plus(SWEEP_DELAY));

      SweepReport report = function.getApplicationContext().getBean(ExpiryJob.class).sweep();

      assertThat(report.deleted()).isEqualTo(1);
      assertThat(registry.find(gone.clientId())).isEmpty();
    }
  }

  @Test
  void theDeadlineStaysInsideTheLambdasRemainingTime() {
    try (ExpiryFunction function =
        new ExpiryFunction(Contexts.lambda(Map.of("rendezvous.store", "memory"), clock))) {
      var context = function.getApplicationContext();
      ExpiryJob job = context.getBean(ExpiryJob.class);
      assertThat(job.deadline()).isEqualTo(clock.instant().plus(ExpiryJob.MAX_BUDGET));

      invokedWithRemainingMillis(context, 10_000);
      assertThat(context.getBean(CurrentInvocation.class).remainingTime()).isPresent();
      assertThat(job.deadline())
          .isEqualTo(clock.instant().plusMillis(10_000).minus(ExpiryJob.SAFETY_MARGIN));

      invokedWithRemainingMillis(context, 1_000);
      assertThat(job.deadline()).isEqualTo(clock.instant());
    }
  }

  /** As Lambda does at each invocation: the current context, with this much time left. */
  private static void invokedWithRemainingMillis(ApplicationContext context, int millis) {
    context
        .getBean(LambdaContextFactory.class)
        .registerSingletons(
            new MockLambdaContext() {
              @Override
              public int getRemainingTimeInMillis() {
                return millis;
              }
            });
  }
}
