package dev.rendezvous.store.dynamodb.testing;

import static dev.rendezvous.store.dynamodb.testing.DirectoryFixture.HOME;
import static dev.rendezvous.store.dynamodb.testing.DirectoryFixture.TIMINGS;
import static dev.rendezvous.store.dynamodb.testing.DirectoryFixture.X;
import static dev.rendezvous.store.dynamodb.testing.DirectoryFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rendezvous.core.UnknownClientException;
import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.InternalSecret;
import dev.rendezvous.core.directory.LanCandidates;
import dev.rendezvous.core.directory.Owner;
import dev.rendezvous.core.directory.OwnerWriteResult;
import dev.rendezvous.core.directory.TakeoverResult;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.core.directory.TaskState;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.registry.VerifyOutcome;
import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The HTTP side of the directory: register, find, verify, logout, tasks and the secret. */
public interface RegistryContract {
  DirectoryFixture fixture();

  @Test
  default void aNewClientIsOnlineAndHasNoFamiliesYet() {
    DirectoryFixture f = fixture();
    PrivateKey key = f.registered();
    DirectoryEntry c = f.stored(key);
    assertThat(c.clientId()).isEqualTo(key.clientId());
    assertThat(c.registeredAt()).isEqualTo(f.clock.instant());
    assertThat(c.lastSeenAt()).isEqualTo(f.clock.instant());
    assertThat(c.liveness(f.rules, f.clock.instant())).isEqualTo(Liveness.ONLINE);
    assertThat(c.families()).isEmpty();
    assertThat(c.highestCounter()).isZero();
    assertThat(c.keyVerifier().matches(key)).isTrue();
    assertThat(c.pulseMacKey()).isEqualTo(key.pulseMacKey());
    assertThat(f.registry.find(f.stranger().clientId())).isEmpty();
  }

  @Test
  default void registeringTheSameCredentialsAgainIsTheSameRegistration() {
    DirectoryFixture f = fixture();
    ClientCredentials issued = f.credentials.issue();
    Instant first = f.registry.register(issued);
    f.clock.advanceSeconds(20);
    assertThat(f.registry.register(issued))
        .as("what a retried registration sees: its own item")
        .isEqualTo(first);
    assertThat(f.stored(issued.privateKey()).lastSeenAt()).isEqualTo(first);
  }

  @Test
  default void lanCandidatesAreStoredWithThePublicAddressTheyWereReportedBehind() {
    DirectoryFixture f = fixture();
    PrivateKey key = f.registered();
    LanCandidates reported =
        new LanCandidates(
            Optional.of("203.0.113.10"),
            List.of(new ObservedAddress("10.0.1.2", 40000), new ObservedAddress("fd00::2", 1)));
    f.registry.reportLanCandidates(key, reported);
    assertThat(f.stored(key).lanCandidates()).isEqualTo(reported);
    f.registry.reportLanCandidates(key, LanCandidates.NONE);
    assertThat(f.stored(key).lanCandidates()).isEqualTo(LanCandidates.NONE);

    assertThatThrownBy(() -> f.registry.reportLanCandidates(f.stranger(), reported))
        .isInstanceOf(UnknownClientException.class);
    f.clock.advance(TIMINGS.lifetime().plusMillis(1));
    assertThatThrownBy(() -> f.registry.reportLanCandidates(key, reported))
        .as("an expired client")
        .isInstanceOf(UnknownClientException.class);
  }

  @Test
  default void verifyRevivesAPendingClientOnce() {
    DirectoryFixture f = fixture();
    PrivateKey key = f.registered();
    f.clock.advanceSeconds(100);
    assertThat(f.registry.verify(key)).isEqualTo(VerifyOutcome.REVIVED);
    assertThat(f.stored(key).lastSeenAt()).isEqualTo(f.clock.instant());
    assertThat(f.stored(key).liveness(f.rules, f.clock.instant())).isEqualTo(Liveness.ONLINE);
    f.clock.advanceSeconds(35);
    assertThat(f.registry.verify(key))
        .as("a verify within the window of the last one changes nothing")
        .isEqualTo(VerifyOutcome.ALREADY_ONLINE);
    assertThat(f.stored(key).lastSeenAt()).isEqualTo(f.clock.instant().minusSeconds(35));
  }

  @Test
  default void verifyIsRefusedOnlyForAnExpiredClientOrAWrongKey() {
    DirectoryFixture f = fixture();
    PrivateKey key = f.registered();
    f.clock.advance(TIMINGS.lifetime());
    assertThat(f.registry.verify(key)).isEqualTo(VerifyOutcome.REVIVED);
    PrivateKey late = f.registered();
    f.clock.advance(TIMINGS.lifetime().plusMillis(1));
    assertThatThrownBy(() -> f.registry.verify(late)).isInstanceOf(UnknownClientException.class);
    assertThatThrownBy(() -> f.registry.verify(f.stranger()))
        .isInstanceOf(UnknownClientException.class);
  }

  @Test
  default void logoutIsImmediateAndFinalForEveryWriter() {
    DirectoryFixture f = fixture();
    PrivateKey key = f.registered();
    Owner owner = f.own(key, X, HOME, 10);
    f.registry.logout(key);
    assertThat(f.registry.find(key.clientId())).isEmpty();
    assertThat(f.checkpoint(key, AddressFamily.IPV4, owner, 11)).isEqualTo(OwnerWriteResult.GONE);
    assertThat(f.markPending(key, AddressFamily.IPV4, owner, f.clock.instant()))
        .isEqualTo(OwnerWriteResult.GONE);
    assertThat(f.move(key, owner, DirectoryFixture.ROAMING, 12)).isEqualTo(OwnerWriteResult.GONE);
    assertThat(f.takeOver(key, X, HOME, 13)).isInstanceOf(TakeoverResult.Unknown.class);
    assertThat(f.registry.find(key.clientId())).as("no write recreates it").isEmpty();
    assertThatThrownBy(() -> f.registry.verify(key)).isInstanceOf(UnknownClientException.class);
    assertThatThrownBy(() -> f.registry.logout(key)).isInstanceOf(UnknownClientException.class);
  }

  @Test
  default void logoutRefusesAnExpiredClientAndAStranger() {
    DirectoryFixture f = fixture();
    PrivateKey key = f.registered();
    f.clock.advance(TIMINGS.lifetime().plusMillis(1));
    assertThatThrownBy(() -> f.registry.logout(key)).isInstanceOf(UnknownClientException.class);
    assertThatThrownBy(() -> f.registry.logout(f.stranger()))
        .isInstanceOf(UnknownClientException.class);
  }

  @Test
  default void aHeartbeatIsFoundByItsTask() {
    DirectoryFixture f = fixture();
    assertThat(f.registry.findTask(X)).isEmpty();
    Instant now = f.clock.instant();
    TaskRecord first = new TaskRecord(X, "10.0.1.7", 5027, now, now, TaskState.SERVING, "task-a");
    await(f.live.heartbeat(first));
    assertThat(f.registry.findTask(X)).contains(first);
    assertThat(await(f.live.findTask(X))).as("the edge reads it too").contains(first);
    f.clock.advanceSeconds(5);
    TaskRecord draining =
        new TaskRecord(X, "10.0.1.7", 5027, now, f.clock.instant(), TaskState.DRAINING, "task-a");
    await(f.live.heartbeat(draining));
    assertThat(f.registry.findTask(X)).contains(draining);
    assertThat(f.registry.findTask(DirectoryFixture.Y)).isEmpty();
    assertThat(await(f.live.findTask(DirectoryFixture.Y))).isEmpty();
  }

  @Test
  default void theInternalSecretIsCreatedOnceAndReadByEveryone() {
    DirectoryFixture f = fixture();
    assertThat(f.registry.findInternalSecret()).as("readers never create it").isEmpty();
    InternalSecret created = await(f.live.internalSecret());
    assertThat(await(f.live.internalSecret())).isEqualTo(created);
    assertThat(f.registry.findInternalSecret()).contains(created);
  }
}
