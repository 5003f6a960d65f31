package dev.rendezvous.functions.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.functions.testing.Contexts;
import dev.rendezvous.functions.testing.HttpEvents;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import io.micronaut.crac.test.CheckpointSimulator;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The priming resource is registered with CRaC (which Lambda SnapStart calls) and runs a real
 * storage read before the checkpoint; a failing store does not stop the snapshot.
 */
class SnapStartPrimingTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();

  @Test
  void primesAgainstRealStorageBeforeTheCheckpointAndServesAfterRestore() {
    Map<String, Object> properties =
        Contexts.dynamo(DYNALITE.endpoint().toString(), DYNALITE.createTable());
    try (APIGatewayV2HTTPEventFunction handler =
        new APIGatewayV2HTTPEventFunction(Contexts.lambda(properties, null).build().start())) {
      CheckpointSimulator snapshot =
          handler.getApplicationContext().getBean(CheckpointSimulator.class);
      SnapStartPriming priming = handler.getApplicationContext().getBean(SnapStartPriming.class);

      snapshot.runBeforeCheckpoint();
      snapshot.runAfterRestore();

      assertThat(priming.completedPrimings()).isEqualTo(1);
      assertThat(
              handler
                  .handleRequest(
                      HttpEvents.v2("POST", "/register", Map.of(), null), new MockLambdaContext())
                  .getStatusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void unreachableStorageDoesNotStopTheSnapshot() {
    Map<String, Object> properties = Contexts.dynamo("http://127.0.0.1:9", "rendezvous-clients");
    try (APIGatewayV2HTTPEventFunction handler =
        new APIGatewayV2HTTPEventFunction(Contexts.lambda(properties, null).build().start())) {
      CheckpointSimulator snapshot =
          handler.getApplicationContext().getBean(CheckpointSimulator.class);

      snapshot.runBeforeCheckpoint();

      assertThat(
              handler.getApplicationContext().getBean(SnapStartPriming.class).completedPrimings())
          .isZero();
    }
  }
}
