package dev.rendezvous.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rendezvous.core.StorageUnavailableException;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import dev.rendezvous.testkit.MutableClock;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * Storage failures become {@link StorageUnavailableException}, never "unknown client": a throttled
 * or unreachable DynamoDB must not make the service tell a live client it is gone.
 */
class StorageFaultsTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();

  private final MutableClock clock = MutableClock.startingAt("2026-11-26T12:00:00Z");
  private final LivenessRules rules = new LivenessRules(PulseTimings.DEFAULTS);
  private final ClientCredentials alice = new CredentialFactory().issue();
  private final ObservedAddress home = new ObservedAddress("198.51.100.7", 40001);

  /** Throws DynamoDB's throttling error before the request leaves, while switched on. */
  static final class Throttle implements ExecutionInterceptor {
    final AtomicBoolean on = new AtomicBoolean();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attrs) {
      if (on.get()) {
        throw ProvisionedThroughputExceededException.builder()
            .message("injected throttling")
            .statusCode(400)
            .awsErrorDetails(
                software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                    .errorCode("ProvisionedThroughputExceededException")
                    .build())
            .build();
      }
    }
  }

  @Test
  void throttlingIsReportedAsUnavailableAndNothingIsLost() {
    Throttle throttle = new Throttle();
    DynamoStoreSettings settings = DynamoStoreSettings.forTable(DYNALITE.createTable());
    try (DynamoDbClient sync =
        DynamoDbClient.builder()
            .endpointOverride(DYNALITE.endpoint())
            .region(software.amazon.awssdk.regions.Region.US_EAST_1)
            .credentialsProvider(
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                    software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("l", "l")))
            .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
            .overrideConfiguration(
                c ->
                    c.addExecutionInterceptor(throttle)
                        .retryStrategy(
                            software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry()))
            .build()) {
      DynamoClientRegistry registry = new DynamoClientRegistry(sync, settings, rules, clock);
      registry.register(alice);

      throttle.on.set(true);
      assertThatThrownBy(() -> registry.recordPulse(alice.privateKey(), home))
          .isInstanceOfSatisfying(
              StorageUnavailableException.class, e -> assertThat(e.throttled()).isTrue());
      assertThatThrownBy(() -> registry.verify(alice.privateKey()))
          .isInstanceOf(StorageUnavailableException.class);
      assertThatThrownBy(() -> registry.find(alice.clientId()))
          .isInstanceOf(StorageUnavailableException.class);

      throttle.on.set(false);
      assertThat(registry.find(alice.clientId())).isPresent();
      assertThat(registry.recordPulse(alice.privateKey(), home))
          .isEqualTo(dev.rendezvous.core.registry.PulseOutcome.ACCEPTED);
    }
  }

  @Test
  void anUnreachableEngineIsUnavailableOnBothPaths() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    DynamoClientFactory factory =
        DynamoClientFactory.forLocalEndpoint(URI.create("http://127.0.0.1:" + closedPort))
            .withApiCallTimeout(Duration.ofSeconds(2));
    DynamoStoreSettings settings = DynamoStoreSettings.forTable("clients");
    try (DynamoDbClient sync = factory.syncClient();
        DynamoDbAsyncClient async = factory.asyncClient(8)) {
      DynamoClientRegistry registry = new DynamoClientRegistry(sync, settings, rules, clock);
      assertThatThrownBy(() -> registry.recordPulse(alice.privateKey(), home))
          .isInstanceOfSatisfying(
              StorageUnavailableException.class, e -> assertThat(e.throttled()).isFalse());
      assertThatThrownBy(() -> registry.sweepExpired(clock.instant().plusSeconds(5)))
          .isInstanceOf(StorageUnavailableException.class);

      DynamoPulseRecorder recorder = new DynamoPulseRecorder(async, settings, rules, clock);
      assertThatThrownBy(
              () -> recorder.pulse(alice.privateKey(), home).toCompletableFuture().join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(StorageUnavailableException.class);
    }
  }
}
