package dev.rendezvous.store.dynamodb.testing;

import static dev.rendezvous.store.dynamodb.testing.DirectoryFixture.HOME;
import static dev.rendezvous.store.dynamodb.testing.DirectoryFixture.HOME_V6;
import static dev.rendezvous.store.dynamodb.testing.DirectoryFixture.LEASE;
import static dev.rendezvous.store.dynamodb.testing.DirectoryFixture.ROAMING;
import static dev.rendezvous.store.dynamodb.testing.DirectoryFixture.TIMINGS;
import static dev.rendezvous.store.dynamodb.testing.DirectoryFixture.X;
import static dev.rendezvous.store.dynamodb.testing.DirectoryFixture.Y;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.FamilyEntry;
import dev.rendezvous.core.directory.Owner;
import dev.rendezvous.core.directory.OwnerWriteResult;
import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The owner's writes: checkpoint, address move, PENDING; each only by the current owner. */
public interface OwnerWritesContract {
  DirectoryFixture fixture();

  @Test
  default void aCheckpointRenewsTheLeaseAndWritesTheLastPulseAndCounter() {
    DirectoryFixture f = fixture();
    PrivateKey key = f.registered();
    Owner x = f.own(key, X, HOME, 100);
    f.clock.advanceSeconds(300);
    assertThat(f.checkpoint(key, AddressFamily.IPV4, x, 112)).isEqualTo(OwnerWriteResult.WRITTEN);
    FamilyEntry v4 = f.stored(key, AddressFamily.IPV4);
    assertThat(v4.lastPulseAt()).isEqualTo(f.clock.instant());
    assertThat(v4.onlineUntil()).isEqualTo(f.clock.instant().plus(LEASE));
    assertThat(v4.counter()).isEqualTo(112);
    assertThat(v4.address()).isEqualTo(HOME);
    assertThat(v4.owner()).contains(x);
  }

  @Test
  default void anAddressMoveNeedsACounterAboveTheClientsHighest() {
    DirectoryFixture f = fixture();
    PrivateKey key = f.registered();
    Owner x = f.own(key, X, HOME, 100);
    f.own(key, Y, HOME_V6, 200);
    assertThat(f.move(key, x, ROAMING, 150))
        .as("the other family already wrote a newer counter")
        .isEqualTo(OwnerWriteResult.REPLAYED);
    assertThat(f.stored(key, AddressFamily.IPV4).address()).isEqualTo(HOME);
    f.clock.advanceSeconds(10);
    assertThat(f.move(key, x, ROAMING, 201)).isEqualTo(OwnerWriteResult.WRITTEN);
    FamilyEntry v4 = f.stored(key, AddressFamily.IPV4);
    assertThat(v4.address()).isEqualTo(ROAMING);
    assertThat(v4.counter()).isEqualTo(201);
    assertThat(v4.lastPulseAt()).isEqualTo(f.clock.instant());
    assertThat(f.stored(key).latestAddress()).contains(ROAMING);
    assertThat(f.move(key, x, HOME, 0))
        .as("v1: no counter condition")
        .isEqualTo(OwnerWriteResult.WRITTEN);
    assertThat(f.stored(key, AddressFamily.IPV4).counter()).isEqualTo(201);
  }

  @Test
  default void thePendingWriteMakesTheFamilyPendingExactlyAtItsDeadline() {
    DirectoryFixture f = fixture();
    PrivateKey key = f.registered();
    Owner x = f.own(key, X, HOME, 0);
    Instant lastPulse = f.clock.instant().plusSeconds(20);
    f.clock.set(lastPulse.plus(TIMINGS.onlineWindow()));
    assertThat(f.markPending(key, AddressFamily.IPV4, x, lastPulse))
        .isEqualTo(OwnerWriteResult.WRITTEN);
    FamilyEntry v4 = f.stored(key, AddressFamily.IPV4);
    assertThat(v4.lastPulseAt()).isEqualTo(lastPulse);
    assertThat(v4.onlineUntil()).isEqualTo(f.clock.instant());
    assertThat(f.stored(key).liveness(f.rules, f.clock.instant())).isEqualTo(Liveness.ONLINE);
    f.clock.advance(java.time.Duration.ofMillis(1));
    assertThat(f.stored(key).liveness(f.rules, f.clock.instant())).isEqualTo(Liveness.PENDING);
    f.clock.set(lastPulse.plus(TIMINGS.lifetime()).plusMillis(1));
    assertThat(f.stored(key).liveness(f.rules, f.clock.instant())).isEqualTo(Liveness.EXPIRED);
  }

  @Test
  default void aPendingWriteOfOneFamilyNeverMakesAClientWithALiveOtherFamilyPending() {
    DirectoryFixture f = fixture();
    PrivateKey key = f.registered();
    Owner v4 = f.own(key, X, HOME, 10);
    Owner v6 = f.own(key, Y, HOME_V6, 11);
    Instant v6LastPulse = f.clock.instant();
    for (int step = 0; step < 12; step++) {
      f.clock.advanceSeconds(300);
      assertThat(f.checkpoint(key, AddressFamily.IPV4, v4, 20 + step))
          .isEqualTo(OwnerWriteResult.WRITTEN);
      assertThat(f.markPending(key, AddressFamily.IPV6, v6, v6LastPulse))
          .isEqualTo(OwnerWriteResult.WRITTEN);
      assertThat(f.stored(key).liveness(f.rules, f.clock.instant())).isEqualTo(Liveness.ONLINE);
      f.registry.sweepExpired(f.clock.instant().plusSeconds(30));
      assertThat(f.registry.find(key.clientId())).isPresent();
    }
  }

  @Test
  default void flapBackLeavesEveryOlderEpochsWritesLost() {
    DirectoryFixture f = fixture();
    PrivateKey key = f.registered();
    Owner x1 = f.own(key, X, HOME, 1);
    f.clock.advanceSeconds(25);
    Owner y2 = f.own(key, Y, HOME, 2);
    f.clock.advanceSeconds(25);
    Owner x3 = f.own(key, X, HOME, 3);
    FamilyEntry before = f.stored(key, AddressFamily.IPV4);
    f.clock.advanceSeconds(25);
    for (Owner old : new Owner[] {x1, y2}) {
      assertThat(f.checkpoint(key, AddressFamily.IPV4, old, 9)).isEqualTo(OwnerWriteResult.LOST);
      assertThat(f.move(key, old, ROAMING, 10)).isEqualTo(OwnerWriteResult.LOST);
      assertThat(f.markPending(key, AddressFamily.IPV4, old, f.clock.instant()))
          .isEqualTo(OwnerWriteResult.LOST);
      assertThat(f.checkpoint(key, AddressFamily.IPV6, old, 11))
          .as("owning one family says nothing of the other")
          .isEqualTo(OwnerWriteResult.LOST);
    }
    assertThat(f.stored(key, AddressFamily.IPV4)).as("nothing written").isEqualTo(before);
    assertThat(f.checkpoint(key, AddressFamily.IPV4, x3, 12)).isEqualTo(OwnerWriteResult.WRITTEN);
  }
}
