package dev.rendezvous.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.registry.SweepReport;
import dev.rendezvous.core.registry.VerifyOutcome;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import dev.rendezvous.testkit.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Verify racing the expiry sweep: the sweep only ever deletes a client that is still expired. */
class SweepRaceTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();

  private final MutableClock clock = MutableClock.startingAt("2026-11-26T12:00:00Z");
  private final LivenessRules rules = new LivenessRules(PulseTimings.DEFAULTS);
  private final CredentialFactory credentials = new CredentialFactory();

  @Test
  void aStaleIndexEntryOfALiveClientIsLeftAlone() {
    DynamoStoreSettings settings = DynamoStoreSettings.forTable(DYNALITE.createTable());
    DynamoClientRegistry registry =
        new DynamoClientRegistry(DYNALITE.syncClient(), settings, rules, clock);
    ClientCredentials alice = credentials.issue();
    registry.register(alice);
    // Index entries lag their items (GSIs are eventually consistent): file Alice under a bucket
    // that completed long ago, as a lagging index would still show her.
    SweepBuckets buckets = new SweepBuckets(settings.sweepBucketSeconds(), settings.sweepShards());
    long oldBucket = buckets.lastCompleteBucket(clock.instant().getEpochSecond());
    DYNALITE
        .syncClient()
        .updateItem(
            b ->
                b.tableName(settings.tableName())
                    .key(
                        Map.of(ClientTable.CLIENT_ID, AttributeValue.fromS(alice.clientId().hex())))
                    .updateExpression("SET " + ClientTable.SWEEP_PARTITION + " = :p")
                    .expressionAttributeValues(
                        Map.of(
                            ":p",
                            AttributeValue.fromS(
                                buckets.partition(oldBucket, buckets.shardOf(alice.clientId()))))));

    SweepReport report = registry.sweepExpired(clock.instant().plusSeconds(30));

    assertThat(report.candidates()).isEqualTo(1);
    assertThat(report.revived()).isEqualTo(1);
    assertThat(report.deleted()).isZero();
    assertThat(registry.find(alice.clientId())).isPresent();
  }

  @Test
  void verifiesRacingSweepsNeverLoseAPendingClient() throws Exception {
    DynamoStoreSettings settings =
        new DynamoStoreSettings(DYNALITE.createTable(), 1, 4, 6); // one-second buckets
    DynamoClientRegistry registry =
        new DynamoClientRegistry(DYNALITE.syncClient(), settings, rules, clock);
    List<ClientCredentials> clients = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ClientCredentials c = credentials.issue();
      registry.register(c);
      clients.add(c);
    }
    // Late in the PENDING window, one second short of expiry, with one-second sweep buckets.
    clock.advance(PulseTimings.DEFAULTS.lifetime().minusSeconds(1));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<VerifyOutcome>> verifies = new ArrayList<>();
      List<CompletableFuture<SweepReport>> sweeps = new ArrayList<>();
      for (ClientCredentials c : clients) {
        verifies.add(CompletableFuture.supplyAsync(() -> registry.verify(c.privateKey()), pool));
        sweeps.add(
            CompletableFuture.supplyAsync(
                () -> registry.sweepExpired(clock.instant().plusSeconds(30)), pool));
      }
      for (CompletableFuture<VerifyOutcome> v : verifies) {
        assertThat(v.join()).isEqualTo(VerifyOutcome.REVIVED);
      }
      for (CompletableFuture<SweepReport> s : sweeps) {
        assertThat(s.join().deleted()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
    // Now they are ONLINE again; nobody expired, nobody was deleted.
    for (ClientCredentials c : clients) {
      assertThat(registry.find(c.clientId())).isPresent();
    }
    // And once they really expire, the sweep takes them all.
    clock.advance(PulseTimings.DEFAULTS.lifetime().plusSeconds(3));
    assertThat(registry.sweepExpired(clock.instant().plusSeconds(30)).deleted()).isEqualTo(20);
  }
}
