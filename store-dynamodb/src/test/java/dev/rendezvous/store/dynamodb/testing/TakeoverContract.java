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
import dev.rendezvous.core.directory.TakeoverResult;
import dev.rendezvous.core.registry.VerifyOutcome;
import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Taking ownership of one family of a client: who may, with which epoch, and what it writes. */
public interface TakeoverContract {
  DirectoryFixture fixture();

  @Test
  default void anOnlineClientIsTakenOverWithTheFirstEpoch() {
    DirectoryFixture f = fixture();
    PrivateKey key = f.registered();
    f.clock.advanceSeconds(20);
    Instant pulse = f.clock.instant();
    assertThat(f.takeOver(key, X, HOME, 1000))
        .isEqualTo(new TakeoverResult.Taken(new Owner(X, 1), Optional.empty()));
    FamilyEntry v4 = f.stored(key, AddressFamily.IPV4);
    assertThat(v4)
        .isEqualTo(
            new FamilyEntry(
                AddressFamily.IPV4,
                Optional.of(new Owner(X, 1)),
                HOME,
                pulse,
                pulse.plus(LEASE),
                1000));
    assertThat(f.stored(key).family(AddressFamily.IPV6)).isEmpty();
    assertThat(f.stored(key).latestAddress()).contains(HOME);
    assertThat(f.stored(key).highestCounter()).isEqualTo(1000);
  }

  @Test
  default void aPendingClientIsRefusedAndItsCounterBurned() {
    DirectoryFixture f = fixture();
    PrivateKey key = f.registered();
    f.clock.advance(TIMINGS.onlineWindow().plusMillis(1));
    assertThat(f.takeOver(key, X, HOME, 5000)).isInstanceOf(TakeoverResult.Pending.class);
    assertThat(f.stored(key).families()).as("owns nothing").isEmpty();
    assertThat(f.registry.verify(key)).isEqualTo(VerifyOutcome.REVIVED);
    assertThat(f.takeOver(key, Y, ROAMING, 5000))
        .as("the refused pulse cannot be replayed after the verify")
        .isInstanceOf(TakeoverResult.Replayed.class);
    assertThat(f.takeOver(key, Y, ROAMING, 5001)).isInstanceOf(TakeoverResult.Taken.class);
  }

  @Test
  default void anExpiredOrUnknownClientIsUnknown() {
    DirectoryFixture f = fixture();
    PrivateKey key = f.registered();
    f.clock.advance(TIMINGS.lifetime().plusMillis(1));
    assertThat(f.takeOver(key, X, HOME, 0)).isInstanceOf(TakeoverResult.Unknown.class);
    assertThat(f.takeOver(key, X, HOME, 7)).isInstanceOf(TakeoverResult.Unknown.class);
    assertThat(f.takeOver(f.stranger(), X, HOME, 7)).isInstanceOf(TakeoverResult.Unknown.class);
    assertThat(f.registry.find(key.clientId()).map(e -> e.families().size())).contains(0);
  }

  @Test
  default void v2CountersMustRiseAcrossBothFamilies() {
    DirectoryFixture f = fixture();
    PrivateKey key = f.registered();
    f.own(key, X, HOME, 1000);
    assertThat(f.takeOver(key, Y, HOME_V6, 1000)).isInstanceOf(TakeoverResult.Replayed.class);
    assertThat(f.takeOver(key, Y, HOME_V6, 999)).isInstanceOf(TakeoverResult.Replayed.class);
    assertThat(f.stored(key).family(AddressFamily.IPV6)).as("a replay writes nothing").isEmpty();
    assertThat(f.takeOver(key, Y, HOME_V6, 1001))
        .isEqualTo(new TakeoverResult.Taken(new Owner(Y, 1), Optional.empty()));
    assertThat(f.takeOver(key, Y, ROAMING, 0))
        .as("a v1 takeover has no counter condition")
        .isInstanceOf(TakeoverResult.Taken.class);
    assertThat(f.stored(key, AddressFamily.IPV4).counter())
        .as("and leaves the stored counter alone")
        .isEqualTo(1000);
    assertThat(f.stored(key, AddressFamily.IPV4).address()).isEqualTo(ROAMING);
  }

  @Test
  default void epochsRiseAndEachTakeoverNamesTheOwnerItReplaced() {
    DirectoryFixture f = fixture();
    PrivateKey key = f.registered();
    assertThat(f.takeOver(key, X, HOME, 1))
        .isEqualTo(new TakeoverResult.Taken(new Owner(X, 1), Optional.empty()));
    f.clock.advanceSeconds(25);
    assertThat(f.takeOver(key, Y, HOME, 2))
        .isEqualTo(new TakeoverResult.Taken(new Owner(Y, 2), Optional.of(new Owner(X, 1))));
    f.clock.advanceSeconds(25);
    assertThat(f.takeOver(key, X, HOME, 3))
        .isEqualTo(new TakeoverResult.Taken(new Owner(X, 3), Optional.of(new Owner(Y, 2))));
    assertThat(f.takeOver(key, X, HOME_V6, 4))
        .as("the other family has its own epochs")
        .isEqualTo(new TakeoverResult.Taken(new Owner(X, 1), Optional.empty()));
  }

  @Test
  default void aPulseOnTimeBeatsTheOldOwnersPendingWriteThatLandedFirst() {
    DirectoryFixture f = fixture();
    PrivateKey key = f.registered();
    Instant deadline = f.clock.instant().plus(TIMINGS.onlineWindow());
    // The client's next pulse, exactly on time, reaches task Y; X's timer writes PENDING first.
    Owner x = ownedByXUntilItsPendingWrite(f, key);
    f.clock.advanceSeconds(2); // Y's takeover lands later still
    assertThat(f.stored(key).liveness(f.rules, f.clock.instant())).isEqualTo(Liveness.PENDING);
    assertThat(f.takeOverAt(key, Y, ROAMING, 11, deadline))
        .isEqualTo(new TakeoverResult.Taken(new Owner(Y, 2), Optional.of(x)));
    assertThat(f.stored(key).liveness(f.rules, f.clock.instant())).isEqualTo(Liveness.ONLINE);
  }

  @Test
  default void aPulseOneMillisecondLateIsPendingAfterThePendingWrite() {
    DirectoryFixture f = fixture();
    PrivateKey key = f.registered();
    Instant deadline = f.clock.instant().plus(TIMINGS.onlineWindow());
    Owner x = ownedByXUntilItsPendingWrite(f, key);
    f.clock.advanceSeconds(1);
    assertThat(f.takeOverAt(key, Y, ROAMING, 11, deadline.plusMillis(1)))
        .isInstanceOf(TakeoverResult.Pending.class);
    assertThat(f.stored(key, AddressFamily.IPV4).owner()).contains(x);
  }

  /** Task X takes the client over now; at the client's deadline X's timer writes PENDING. */
  private static Owner ownedByXUntilItsPendingWrite(DirectoryFixture f, PrivateKey key) {
    Instant lastPulseAtX = f.clock.instant();
    Owner x = f.own(key, X, HOME, 10);
    f.clock.set(lastPulseAtX.plus(TIMINGS.onlineWindow()));
    f.markPending(key, AddressFamily.IPV4, x, lastPulseAtX);
    return x;
  }
}
