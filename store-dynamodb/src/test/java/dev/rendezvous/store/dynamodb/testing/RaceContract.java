package dev.rendezvous.store.dynamodb.testing;

import static dev.rendezvous.store.dynamodb.testing.DirectoryFixture.HOME;
import static dev.rendezvous.store.dynamodb.testing.DirectoryFixture.ROAMING;
import static dev.rendezvous.store.dynamodb.testing.DirectoryFixture.TIMINGS;
import static dev.rendezvous.store.dynamodb.testing.DirectoryFixture.X;
import static dev.rendezvous.store.dynamodb.testing.DirectoryFixture.Y;
import static dev.rendezvous.store.dynamodb.testing.DirectoryFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.InternalSecret;
import dev.rendezvous.core.directory.Owner;
import dev.rendezvous.core.directory.OwnerWriteResult;
import dev.rendezvous.core.directory.TakeoverResult;
import dev.rendezvous.core.registry.VerifyOutcome;
import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Writers racing on one client: the conditions keep every outcome consistent. */
public interface RaceContract {
  DirectoryFixture fixture();

  /** Runs the tasks at once (released together by a barrier) and returns their results. */
  static List<Object> together(List<Callable<Object>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CyclicBarrier start = new CyclicBarrier(tasks.size());
      List<Future<Object>> futures = new ArrayList<>();
      for (Callable<Object> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      List<Object> results = new ArrayList<>();
      for (Future<Object> future : futures) {
        results.add(future.get(20, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void logoutRacingOwnerWritesNeverLeavesTheClientBehind() throws Exception {
    DirectoryFixture f = fixture();
    for (int round = 0; round < 10; round++) {
      PrivateKey key = f.registered();
      Owner x = f.own(key, X, HOME, 10 * round + 1);
      long c = 10L * round + 2;
      List<Object> results =
          together(
              List.of(
                  () -> {
                    f.registry.logout(key);
                    return "logged out";
                  },
                  () -> f.checkpoint(key, AddressFamily.IPV4, x, c),
                  () -> f.move(key, x, ROAMING, c + 1),
                  () -> f.markPending(key, AddressFamily.IPV4, x, f.clock.instant()),
                  () -> f.takeOver(key, Y, HOME, c + 2)));
      assertThat(results.get(0)).isEqualTo("logged out");
      for (Object ownerWrite : results.subList(1, 4)) {
        assertThat(ownerWrite)
            .isIn(
                OwnerWriteResult.WRITTEN,
                OwnerWriteResult.GONE,
                OwnerWriteResult.LOST,
                OwnerWriteResult.REPLAYED);
      }
      assertThat(results.get(4))
          .isInstanceOfAny(TakeoverResult.Taken.class, TakeoverResult.Unknown.class);
      assertThat(f.registry.find(key.clientId())).isEmpty();
      assertThat(f.checkpoint(key, AddressFamily.IPV4, x, c + 3)).isEqualTo(OwnerWriteResult.GONE);
      assertThat(f.takeOver(key, X, HOME, c + 4)).isInstanceOf(TakeoverResult.Unknown.class);
    }
  }

  @Test
  default void verifyRacingThePendingWriteLeavesTheClientOnline() throws Exception {
    DirectoryFixture f = fixture();
    for (int round = 0; round < 10; round++) {
      PrivateKey key = f.registered();
      Instant lastPulse = f.clock.instant();
      Owner x = f.own(key, X, HOME, 0);
      f.clock.advance(
          TIMINGS.onlineWindow().plusSeconds(3)); // its owner's timer fired; it verifies
      List<Object> results =
          together(
              List.of(
                  () -> f.registry.verify(key),
                  () -> f.markPending(key, AddressFamily.IPV4, x, lastPulse)));
      assertThat(results)
          .containsExactlyInAnyOrder(VerifyOutcome.REVIVED, OwnerWriteResult.WRITTEN);
      f.clock.advanceSeconds(1);
      assertThat(f.stored(key).liveness(f.rules, f.clock.instant())).isEqualTo(Liveness.ONLINE);
      f.clock.advanceSeconds(300);
    }
  }

  @Test
  default void twoVerifiesOfAPendingClientReviveItOnce() throws Exception {
    DirectoryFixture f = fixture();
    for (int round = 0; round < 10; round++) {
      PrivateKey key = f.registered();
      f.clock.advanceSeconds(60);
      List<Object> results =
          together(List.of(() -> f.registry.verify(key), () -> f.registry.verify(key)));
      assertThat(results)
          .containsExactlyInAnyOrder(VerifyOutcome.REVIVED, VerifyOutcome.ALREADY_ONLINE);
    }
  }

  @Test
  default void racingTakeoversGetSuccessiveEpochs() throws Exception {
    DirectoryFixture f = fixture();
    for (int round = 0; round < 10; round++) {
      PrivateKey key = f.registered();
      List<Object> results =
          together(List.of(() -> f.takeOver(key, X, HOME, 0), () -> f.takeOver(key, Y, HOME, 0)));
      TakeoverResult.Taken first = (TakeoverResult.Taken) results.get(0);
      TakeoverResult.Taken second = (TakeoverResult.Taken) results.get(1);
      boolean firstIsLater = first.owner().epoch() > second.owner().epoch();
      TakeoverResult.Taken later = firstIsLater ? first : second;
      TakeoverResult.Taken earlier = firstIsLater ? second : first;
      // Usually epochs 1 and 2; a takeover whose SDK retry lands again after the other's is a
      // takeover once more (epoch 3). Either way each names the owner it replaced, and the later
      // one is the directory's owner.
      assertThat(earlier.owner().epoch()).isLessThan(later.owner().epoch());
      assertThat(later.previous()).contains(earlier.owner());
      assertThat(earlier.previous().map(Owner::epoch).orElse(0L))
          .isEqualTo(earlier.owner().epoch() - 1);
      assertThat(f.stored(key, AddressFamily.IPV4).owner()).contains(later.owner());
    }
  }

  @Test
  default void racingCreatorsOfTheInternalSecretAllGetTheSameOne() throws Exception {
    DirectoryFixture f = fixture();
    List<Callable<Object>> creators = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      creators.add(() -> await(f.live.internalSecret()));
    }
    Set<Object> secrets = new HashSet<>(together(creators));
    assertThat(secrets).hasSize(1);
    assertThat(f.registry.findInternalSecret())
        .contains((InternalSecret) secrets.iterator().next());
  }

  @Test
  default void racingRegistrationsAreAllStored() throws Exception {
    DirectoryFixture f = fixture();
    List<Callable<Object>> registrations = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      registrations.add(() -> f.registered().clientId());
    }
    Set<Object> ids = new HashSet<>(together(registrations));
    assertThat(ids).hasSize(16);
    for (Object id : ids) {
      assertThat(f.registry.find((dev.rendezvous.protocol.identity.ClientId) id)).isPresent();
    }
  }
}
