package dev.rendezvous.store.dynamodb.testing;

import static dev.rendezvous.store.dynamodb.testing.DirectoryFixture.HOME;
import static dev.rendezvous.store.dynamodb.testing.DirectoryFixture.LEASE;
import static dev.rendezvous.store.dynamodb.testing.DirectoryFixture.TIMINGS;
import static dev.rendezvous.store.dynamodb.testing.DirectoryFixture.X;
import static dev.rendezvous.store.dynamodb.testing.DirectoryFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.Owner;
import dev.rendezvous.core.directory.OwnerWrite;
import dev.rendezvous.core.directory.OwnerWriteResult;
import dev.rendezvous.core.directory.Takeover;
import dev.rendezvous.core.directory.TakeoverResult;
import dev.rendezvous.core.registry.SweepReport;
import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expiry follows the lease; the sweep deletes only what is expired by its effective last seen. */
public interface ExpiryContract {
  DirectoryFixture fixture();

  @Test
  default void aClientWhoseOwnerDiedReadsOnlineUntilTheLeaseEndsThenPendingThenExpires() {
    DirectoryFixture f = fixture();
    PrivateKey key = f.registered();
    Instant takenAt = f.clock.instant();
    f.own(key, X, HOME, 0);
    Instant leaseEnd = takenAt.plus(LEASE);
    Instant expiry = leaseEnd.minus(TIMINGS.onlineWindow()).plus(TIMINGS.lifetime());
    assertThat(f.stored(key).liveness(f.rules, leaseEnd)).isEqualTo(Liveness.ONLINE);
    assertThat(f.stored(key).liveness(f.rules, leaseEnd.plusMillis(1))).isEqualTo(Liveness.PENDING);
    assertThat(f.stored(key).liveness(f.rules, expiry)).isEqualTo(Liveness.PENDING);
    assertThat(f.stored(key).liveness(f.rules, expiry.plusMillis(1))).isEqualTo(Liveness.EXPIRED);

    f.clock.set(expiry);
    assertThat(f.registry.sweepExpired(f.clock.instant().plusSeconds(30)).deleted()).isZero();
    f.clock.set(expiry.plus(f.sweepDelay()).plusSeconds(1));
    assertThat(f.registry.sweepExpired(f.clock.instant().plusSeconds(30)).deleted()).isOne();
    assertThat(f.registry.find(key.clientId())).isEmpty();
  }

  @Test
  default void aLiveClientWhoseCheckpointPeriodExceedsItsLifetimeIsNeverSwept() {
    DirectoryFixture f = fixture();
    Duration period = Duration.ofMinutes(10); // longer than interval + error time (210 s)
    Duration lease = period.plus(Duration.ofMinutes(2)); // 4 intervals of slack
    PrivateKey key = f.registered();
    Instant start = f.clock.instant();
    TakeoverResult taken =
        await(
            f.live.takeOver(
                new Takeover(
                    key.clientId(), AddressFamily.IPV4, X, HOME, start, start.plus(lease), 0)));
    Owner x = ((TakeoverResult.Taken) taken).owner();
    Instant end = start.plus(f.sweepDelay()).plusSeconds(7200);
    while (f.clock.instant().isBefore(end)) {
      f.clock.advance(period);
      Instant now = f.clock.instant();
      OwnerWrite checkpoint =
          new OwnerWrite(key.clientId(), AddressFamily.IPV4, x, now, now.plus(lease), 0);
      f.registry.sweepExpired(now.plusSeconds(30));
      assertThat(f.registry.find(key.clientId())).as("never swept at %s", now).isPresent();
      assertThat(f.stored(key).liveness(f.rules, now)).isEqualTo(Liveness.ONLINE);
      assertThat(await(f.live.checkpoint(checkpoint))).isEqualTo(OwnerWriteResult.WRITTEN);
    }
  }

  @Test
  default void theSweepDeletesLongExpiredClientsAndNothingElse() {
    DirectoryFixture f = fixture();
    PrivateKey expired = f.registered();
    f.clock.advance(TIMINGS.lifetime().plus(f.sweepDelay()).plusSeconds(1));
    PrivateKey leased = f.registered();
    f.own(leased, X, HOME, 0);
    f.clock.advanceSeconds(300); // its registration alone would have expired by now
    PrivateKey fresh = f.registered();
    PrivateKey pending = f.registered();
    f.clock.advanceSeconds(20);
    f.own(fresh, X, HOME, 0);
    f.clock.advanceSeconds(20);

    SweepReport report = f.registry.sweepExpired(f.clock.instant().plusSeconds(30));

    assertThat(report.deleted()).isEqualTo(1);
    assertThat(report.complete()).isTrue();
    assertThat(f.registry.find(expired.clientId())).isEmpty();
    assertThat(f.registry.find(leased.clientId())).as("its lease still vouches").isPresent();
    assertThat(f.registry.find(fresh.clientId())).isPresent();
    assertThat(f.registry.find(pending.clientId())).isPresent();
    assertThat(f.registry.sweepExpired(f.clock.instant().plusSeconds(30)).deleted()).isZero();
  }

  @Test
  default void aSweepNeverDeletesClientsWhoseOwnersCheckpointInTime() {
    DirectoryFixture f = fixture();
    List<PrivateKey> keys = new ArrayList<>();
    List<Owner> owners = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      PrivateKey key = f.registered();
      keys.add(key);
      owners.add(f.own(key, X, HOME, 0));
    }
    Instant end = f.clock.instant().plus(f.sweepDelay()).plusSeconds(3600);
    while (f.clock.instant().isBefore(end)) {
      f.clock.advanceSeconds(300);
      for (int i = 0; i < keys.size(); i++) {
        assertThat(f.checkpoint(keys.get(i), AddressFamily.IPV4, owners.get(i), 0))
            .isEqualTo(OwnerWriteResult.WRITTEN);
      }
      assertThat(f.registry.sweepExpired(f.clock.instant().plusSeconds(30)).deleted()).isZero();
    }
  }
}
