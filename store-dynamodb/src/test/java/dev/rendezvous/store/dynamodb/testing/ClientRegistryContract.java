package dev.rendezvous.store.dynamodb.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rendezvous.core.UnknownClientException;
import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.core.registry.ClientSnapshot;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.registry.PulseOutcome;
import dev.rendezvous.core.registry.PulseRecorder;
import dev.rendezvous.core.registry.SweepReport;
import dev.rendezvous.core.registry.VerifyOutcome;
import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.protocol.identity.PrivateKey;
import dev.rendezvous.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every implementation of the storage port must keep. Subclasses supply the store
 * (DynamoDB on dynalite, DynamoDB on LocalStack, in-memory); the tests drive it with a clock they
 * move by hand, so timing is exact.
 */
public abstract class ClientRegistryContract {
  /** Interval 30 s, grace 5 s, error time 180 s: ONLINE up to 35 s, expired after 210 s. */
  protected static final PulseTimings TIMINGS = new PulseTimings(30, 5, 180);

  protected static final ObservedAddress HOME = new ObservedAddress("198.51.100.7", 40001);
  protected static final ObservedAddress ROAMING = new ObservedAddress("203.0.113.99", 51515);

  protected final MutableClock clock = MutableClock.startingAt("2026-11-26T12:00:00.250Z");
  protected final LivenessRules rules = new LivenessRules(TIMINGS);
  private final CredentialFactory credentials = new CredentialFactory();

  protected ClientRegistry registry;
  protected PulseRecorder recorder;

  /** Both ports over the same storage. */
  public record Subject(ClientRegistry registry, PulseRecorder recorder, AutoCloseable closer) {}

  private Subject subject;

  protected abstract Subject newSubject(LivenessRules rules, MutableClock clock);

  @BeforeEach
  void createSubject() {
    subject = newSubject(rules, clock);
    registry = subject.registry();
    recorder = subject.recorder();
  }

  @AfterEach
  void closeSubject() throws Exception {
    if (subject.closer() != null) {
      subject.closer().close();
    }
  }

  protected PrivateKey registered() {
    ClientCredentials issued = credentials.issue();
    registry.register(issued);
    return issued.privateKey();
  }

  private ClientSnapshot stored(PrivateKey key) {
    return registry.find(key.clientId()).orElseThrow();
  }

  private static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  @Test
  void aNewClientIsOnlineAndHasNoAddressYet() {
    PrivateKey key = registered();
    ClientSnapshot c = stored(key);
    assertThat(c.clientId()).isEqualTo(key.clientId());
    assertThat(c.registeredAt()).isEqualTo(clock.instant());
    assertThat(c.liveness(rules, clock.instant())).isEqualTo(Liveness.ONLINE);
    assertThat(c.lastAddress()).isEmpty();
    assertThat(c.lastPulseAt()).isEmpty();
    assertThat(c.keyVerifier().matches(key)).isTrue();
    assertThat(c.pulseMacKey()).isEqualTo(key.pulseMacKey());
  }

  @Test
  void anOnTimePulseIsAcceptedAndRecordsTheSourceAddress() {
    PrivateKey key = registered();
    clock.advanceSeconds(25);
    assertThat(registry.recordPulse(key, HOME)).isEqualTo(PulseOutcome.ACCEPTED);
    ClientSnapshot c = stored(key);
    assertThat(c.lastAddress()).contains(HOME);
    assertThat(c.lastPulseAt()).contains(clock.instant());
    assertThat(c.lastSeenAt()).isEqualTo(clock.instant());
  }

  @Test
  void aV1PulseThatLandsAfterANewerOneMovesNothingBack() {
    // As a delayed SDK retry of an older write would: it carries the older pulse's time.
    PrivateKey key = registered();
    clock.advanceSeconds(10);
    Instant older = clock.instant();
    clock.advanceSeconds(1);
    assertThat(registry.recordPulse(key, ROAMING)).isEqualTo(PulseOutcome.ACCEPTED);
    Instant newer = clock.instant();
    clock.set(older);
    assertThat(registry.recordPulse(key, HOME)).isEqualTo(PulseOutcome.ACCEPTED);
    assertThat(recorder.pulse(key, HOME).toCompletableFuture().join())
        .isEqualTo(PulseOutcome.ACCEPTED);
    ClientSnapshot c = stored(key);
    assertThat(c.lastAddress()).contains(ROAMING);
    assertThat(c.lastPulseAt()).contains(newer);
    assertThat(c.lastSeenAt()).isEqualTo(newer);
  }

  @Test
  void aPulseAtTheEdgeOfTheOnlineWindowIsStillAccepted() {
    PrivateKey key = registered();
    clock.advance(TIMINGS.onlineWindow());
    assertThat(registry.recordPulse(key, HOME)).isEqualTo(PulseOutcome.ACCEPTED);
  }

  @Test
  void aLatePulseIsPendingAndRecordsNothing() {
    PrivateKey key = registered();
    registry.recordPulse(key, HOME);
    Instant accepted = clock.instant();
    clock.advance(TIMINGS.onlineWindow().plusMillis(1));
    assertThat(registry.recordPulse(key, ROAMING)).isEqualTo(PulseOutcome.PENDING);
    ClientSnapshot c = stored(key);
    assertThat(c.lastAddress()).contains(HOME);
    assertThat(c.lastPulseAt()).contains(accepted);
  }

  @Test
  void verifyRevivesAPendingClientAndItsNextPulseIsAccepted() {
    PrivateKey key = registered();
    clock.advanceSeconds(100);
    assertThat(registry.verify(key)).isEqualTo(VerifyOutcome.REVIVED);
    assertThat(stored(key).liveness(rules, clock.instant())).isEqualTo(Liveness.ONLINE);
    assertThat(registry.recordPulse(key, ROAMING)).isEqualTo(PulseOutcome.ACCEPTED);
  }

  @Test
  void verifyOfAnOnlineClientChangesNothing() {
    PrivateKey key = registered();
    clock.advanceSeconds(10);
    assertThat(registry.verify(key)).isEqualTo(VerifyOutcome.ALREADY_ONLINE);
    assertThat(stored(key).lastSeenAt()).isEqualTo(clock.instant().minusSeconds(10));
  }

  @Test
  void anExpiredClientIsGoneForPulsesVerifyAndLogout() {
    PrivateKey key = registered();
    clock.advance(TIMINGS.lifetime().plusMillis(1));
    assertThat(registry.recordPulse(key, HOME)).isEqualTo(PulseOutcome.UNKNOWN);
    assertThat(await(recorder.authenticatedPulse(key.clientId(), 1, HOME)))
        .isEqualTo(PulseOutcome.UNKNOWN);
    assertThatThrownBy(() -> registry.verify(key)).isInstanceOf(UnknownClientException.class);
    assertThatThrownBy(() -> registry.logout(key)).isInstanceOf(UnknownClientException.class);
  }

  @Test
  void aClientAtTheEdgeOfItsLifetimeCanStillVerify() {
    PrivateKey key = registered();
    clock.advance(TIMINGS.lifetime());
    assertThat(registry.verify(key)).isEqualTo(VerifyOutcome.REVIVED);
  }

  @Test
  void logoutIsImmediateAndFinal() {
    PrivateKey key = registered();
    registry.recordPulse(key, HOME);
    registry.logout(key);
    assertThat(registry.find(key.clientId())).isEmpty();
    assertThat(registry.recordPulse(key, HOME)).isEqualTo(PulseOutcome.UNKNOWN);
    assertThat(await(recorder.authenticatedPulse(key.clientId(), 99, HOME)))
        .isEqualTo(PulseOutcome.UNKNOWN);
    assertThat(registry.find(key.clientId())).as("a pulse never recreates it").isEmpty();
    assertThatThrownBy(() -> registry.verify(key)).isInstanceOf(UnknownClientException.class);
    assertThatThrownBy(() -> registry.logout(key)).isInstanceOf(UnknownClientException.class);
  }

  @Test
  void aKeyThatWasNeverRegisteredIsUnknownEverywhere() {
    PrivateKey stranger = credentials.issue().privateKey();
    assertThat(registry.recordPulse(stranger, HOME)).isEqualTo(PulseOutcome.UNKNOWN);
    assertThat(await(recorder.pulse(stranger, HOME))).isEqualTo(PulseOutcome.UNKNOWN);
    assertThat(registry.find(stranger.clientId())).isEmpty();
    assertThatThrownBy(() -> registry.verify(stranger)).isInstanceOf(UnknownClientException.class);
    assertThatThrownBy(() -> registry.logout(stranger)).isInstanceOf(UnknownClientException.class);
  }

  @Test
  void theAsyncV1PulseFollowsTheSameRules() {
    PrivateKey key = registered();
    assertThat(await(recorder.pulse(key, HOME))).isEqualTo(PulseOutcome.ACCEPTED);
    clock.advanceSeconds(36);
    assertThat(await(recorder.pulse(key, ROAMING))).isEqualTo(PulseOutcome.PENDING);
    assertThat(stored(key).lastAddress()).contains(HOME);
  }

  @Test
  void authenticatedPulsesRejectReplaysAndOldCounters() {
    PrivateKey key = registered();
    assertThat(await(recorder.authenticatedPulse(key.clientId(), 1000, HOME)))
        .isEqualTo(PulseOutcome.ACCEPTED);
    assertThat(await(recorder.authenticatedPulse(key.clientId(), 1000, ROAMING)))
        .isEqualTo(PulseOutcome.REPLAYED);
    assertThat(await(recorder.authenticatedPulse(key.clientId(), 999, ROAMING)))
        .isEqualTo(PulseOutcome.REPLAYED);
    assertThat(stored(key).lastAddress()).as("a replay never moves the address").contains(HOME);
    assertThat(await(recorder.authenticatedPulse(key.clientId(), 1001, ROAMING)))
        .isEqualTo(PulseOutcome.ACCEPTED);
    assertThat(stored(key).pulseCounter()).isEqualTo(1001);
    assertThat(stored(key).lastAddress()).contains(ROAMING);
  }

  @Test
  void anAuthenticatedPulseAnsweredPendingCannotBeReplayedAfterVerify() {
    PrivateKey key = registered();
    clock.advanceSeconds(60);
    assertThat(await(recorder.authenticatedPulse(key.clientId(), 5000, HOME)))
        .isEqualTo(PulseOutcome.PENDING);
    registry.verify(key);
    assertThat(await(recorder.authenticatedPulse(key.clientId(), 5000, ROAMING)))
        .isEqualTo(PulseOutcome.REPLAYED);
    assertThat(await(recorder.authenticatedPulse(key.clientId(), 5001, HOME)))
        .isEqualTo(PulseOutcome.ACCEPTED);
  }

  @Test
  void lookUpReturnsThePulseMacKey() {
    PrivateKey key = registered();
    assertThat(await(recorder.lookUp(key.clientId())).orElseThrow().pulseMacKey())
        .isEqualTo(key.pulseMacKey());
    assertThat(await(recorder.lookUp(credentials.issue().clientId()))).isEmpty();
  }

  @Test
  void anIpv6SourceIsRecordedAsText() {
    PrivateKey key = registered();
    ObservedAddress v6 = new ObservedAddress("2001:db8::1", 6000);
    registry.recordPulse(key, v6);
    assertThat(stored(key).lastAddress()).contains(v6);
  }

  @Test
  void theSweepDeletesLongExpiredClientsAndNothingElse() {
    PrivateKey expired = registered();
    clock.advance(TIMINGS.lifetime().plus(sweepDelay()).plusSeconds(1));
    PrivateKey fresh = registered();
    PrivateKey pending = registered();
    clock.advanceSeconds(40);
    registry.recordPulse(fresh, HOME);

    SweepReport report = registry.sweepExpired(clock.instant().plusSeconds(30));

    assertThat(report.deleted()).isEqualTo(1);
    assertThat(report.complete()).isTrue();
    assertThat(registry.find(expired.clientId())).isEmpty();
    assertThat(registry.find(fresh.clientId())).isPresent();
    assertThat(registry.find(pending.clientId())).isPresent();
    assertThat(registry.sweepExpired(clock.instant().plusSeconds(30)).deleted()).isZero();
  }

  @Test
  void aSweepNeverDeletesAClientThatPulsedInTime() {
    List<PrivateKey> keys = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      keys.add(registered());
    }
    for (int step = 0; step < 40; step++) {
      clock.advanceSeconds(30);
      for (PrivateKey key : keys) {
        assertThat(registry.recordPulse(key, HOME)).isEqualTo(PulseOutcome.ACCEPTED);
      }
      registry.sweepExpired(clock.instant().plusSeconds(30));
    }
    for (PrivateKey key : keys) {
      assertThat(registry.find(key.clientId())).isPresent();
    }
  }

  /** How long after expiry the sweep is sure to find a client (0 for stores that scan). */
  protected Duration sweepDelay() {
    return Duration.ZERO;
  }

  @Test
  void logoutRacingPulsesNeverResurrectsTheClient() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 20; round++) {
        PrivateKey key = registered();
        CyclicBarrier start = new CyclicBarrier(3);
        Future<PulseOutcome> p1 = pool.submit(() -> pulseAfter(start, key));
        Future<PulseOutcome> p2 = pool.submit(() -> pulseAfter(start, key));
        Future<?> logout =
            pool.submit(
                () -> {
                  start.await();
                  registry.logout(key);
                  return null;
                });
        logout.get(10, TimeUnit.SECONDS);
        assertThat(p1.get(10, TimeUnit.SECONDS)).isIn(PulseOutcome.ACCEPTED, PulseOutcome.UNKNOWN);
        assertThat(p2.get(10, TimeUnit.SECONDS)).isIn(PulseOutcome.ACCEPTED, PulseOutcome.UNKNOWN);
        assertThat(registry.find(key.clientId())).isEmpty();
        assertThat(registry.recordPulse(key, HOME)).isEqualTo(PulseOutcome.UNKNOWN);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private PulseOutcome pulseAfter(CyclicBarrier start, PrivateKey key) throws Exception {
    start.await();
    return registry.recordPulse(key, HOME);
  }

  @Test
  void twoVerifiesOfAPendingClientReviveItExactlyOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 10; round++) {
        PrivateKey key = registered();
        clock.advanceSeconds(60);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<VerifyOutcome>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return registry.verify(key);
                  }));
        }
        List<VerifyOutcome> outcomes = new ArrayList<>();
        for (Future<VerifyOutcome> f : results) {
          outcomes.add(f.get(10, TimeUnit.SECONDS));
        }
        assertThat(outcomes)
            .containsExactlyInAnyOrder(VerifyOutcome.REVIVED, VerifyOutcome.ALREADY_ONLINE);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentRegistrationsGetDistinctIdsAndAllAreStored() {
    Set<String> ids = ConcurrentHashMap.newKeySet();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int i = 0; i < 64; i++) {
        all.add(
            CompletableFuture.runAsync(
                () -> {
                  PrivateKey key = registered();
                  ids.add(key.clientId().hex());
                },
                pool));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    } finally {
      pool.shutdownNow();
    }
    assertThat(ids).hasSize(64);
    Set<String> found = new HashSet<>();
    for (String id : ids) {
      registry
          .find(dev.rendezvous.protocol.identity.ClientId.parse(id))
          .ifPresent(c -> found.add(c.clientId().hex()));
    }
    assertThat(found).isEqualTo(ids);
  }
}
