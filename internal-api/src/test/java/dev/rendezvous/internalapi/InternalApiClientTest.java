package dev.rendezvous.internalapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.InternalSecret;
import dev.rendezvous.core.directory.OwnedState;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.internalapi.InternalApiException.Reason;
import dev.rendezvous.internalapi.ScriptedOwner.Answer;
import dev.rendezvous.protocol.identity.ClientId;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InternalApiClientTest {
  private static final ClientId ID = ClientId.parse("00112233445566778899aabbccddeeff");
  private static final InternalSecret FIRST = secret(1);
  private static final InternalSecret SECOND = secret(2);
  private static final OwnedState STATE =
      new OwnedState(
          AddressFamily.IPV4,
          4,
          new ObservedAddress("203.0.113.9", 4444),
          Instant.ofEpochMilli(1_767_225_600_000L),
          17);

  private InternalApiClient client;
  private ScriptedOwner owner;

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
    if (owner != null) {
      owner.close();
    }
  }

  @Test
  void aLookUpIsSignedAndReadsTheOwnersAnswer() throws Exception {
    owner =
        new ScriptedOwner(
            FIRST, (m, p, b) -> new Answer(200, InternalJson.ownedStates(ID, List.of(STATE))));
    client =
        new InternalApiClient(SecretSource.fixed(FIRST), Duration.ofSeconds(2), Clock.systemUTC());
    assertThat(client.lookUp(owner.endpoint(), ID).join()).containsExactly(STATE);
    assertThat(owner.seen())
        .singleElement()
        .satisfies(
            seen -> {
              assertThat(seen.method()).isEqualTo("GET");
              assertThat(seen.path()).isEqualTo("/internal/v1/clients/" + ID.hex());
              assertThat(seen.authentic()).isTrue();
            });
  }

  @Test
  void aTaskThatOwnsNothingAnswers404AndTheLookUpIsEmpty() throws Exception {
    owner = new ScriptedOwner(FIRST, (m, p, b) -> new Answer(404, InternalJson.error("not_owned")));
    client =
        new InternalApiClient(SecretSource.fixed(FIRST), Duration.ofSeconds(2), Clock.systemUTC());
    assertThat(client.lookUp(owner.endpoint(), ID).join()).isEmpty();
  }

  @Test
  void notificationsCarryTheirBodiesAndExpect204() throws Exception {
    owner =
        new ScriptedOwner(
            FIRST, (m, p, b) -> new Answer(p.endsWith("/revoke") ? 500 : 204, new byte[0]));
    client =
        new InternalApiClient(SecretSource.fixed(FIRST), Duration.ofSeconds(2), Clock.systemUTC());
    Instant at = Instant.ofEpochMilli(1_767_225_600_500L);
    client.verified(owner.endpoint(), ID, at).join();
    client.loggedOut(owner.endpoint(), ID).join();
    assertThatThrownBy(() -> client.revoke(owner.endpoint(), ID, AddressFamily.IPV6, 9).join())
        .hasCauseInstanceOf(InternalApiException.class)
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.UNEXPECTED_ANSWER));
    assertThat(owner.seen())
        .extracting(ScriptedOwner.Seen::path)
        .containsExactly(
            "/internal/v1/clients/" + ID.hex() + "/verified",
            "/internal/v1/clients/" + ID.hex() + "/logged-out",
            "/internal/v1/clients/" + ID.hex() + "/revoke");
    assertThat(InternalJson.parseVerified(owner.seen().get(0).body())).isEqualTo(at);
    assertThat(owner.seen().get(1).body()).isEmpty();
    assertThat(InternalJson.parseRevocation(owner.seen().get(2).body()))
        .isEqualTo(new Revocation(AddressFamily.IPV6, 9));
  }

  @Test
  void aRefusedSignatureIsTriedOnceMoreWithTheSecretReadAgain() throws Exception {
    owner = new ScriptedOwner(SECOND, (m, p, b) -> new Answer(204, new byte[0]));
    AtomicReference<InternalSecret> stored = new AtomicReference<>(FIRST);
    AtomicReference<InternalSecret> rejected = new AtomicReference<>();
    SecretSource rotating =
        new SecretSource() {
          @Override
          public Optional<InternalSecret> current() {
            return Optional.of(stored.get());
          }

          @Override
          public void rejected(InternalSecret used) {
            rejected.set(used);
            stored.set(SECOND); // as if the directory had been read again after a rotation
          }
        };
    client = new InternalApiClient(rotating, Duration.ofSeconds(2), Clock.systemUTC());
    client.loggedOut(owner.endpoint(), ID).join();
    assertThat(rejected.get()).isEqualTo(FIRST);
    assertThat(owner.seen()).extracting(ScriptedOwner.Seen::authentic).containsExactly(false, true);
  }

  @Test
  void aSecretTheOwnerRefusesEndsRejectedAfterOneTry() throws Exception {
    owner = new ScriptedOwner(SECOND, (m, p, b) -> new Answer(204, new byte[0]));
    client =
        new InternalApiClient(SecretSource.fixed(FIRST), Duration.ofSeconds(2), Clock.systemUTC());
    assertThatThrownBy(() -> client.loggedOut(owner.endpoint(), ID).join())
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.REJECTED));
    assertThat(owner.seen()).hasSize(1);
  }

  @Test
  void aClockTooFarFromTheOwnersIsRefused() throws Exception {
    owner = new ScriptedOwner(FIRST, (m, p, b) -> new Answer(204, new byte[0]));
    Clock late = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-31));
    client = new InternalApiClient(SecretSource.fixed(FIRST), Duration.ofSeconds(2), late);
    assertThatThrownBy(() -> client.loggedOut(owner.endpoint(), ID).join())
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.REJECTED));
  }

  @Test
  void aSlowOwnerTimesOutWithinTheTimeout() throws Exception {
    owner =
        new ScriptedOwner(
            FIRST,
            (m, p, b) -> {
              Thread.sleep(3_000);
              return new Answer(204, new byte[0]);
            });
    client =
        new InternalApiClient(SecretSource.fixed(FIRST), Duration.ofMillis(200), Clock.systemUTC());
    long start = System.nanoTime();
    assertThatThrownBy(() -> client.lookUp(owner.endpoint(), ID).join())
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.TIMED_OUT));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
  }

  @Test
  void aClosedPortIsUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    client =
        new InternalApiClient(SecretSource.fixed(FIRST), Duration.ofSeconds(2), Clock.systemUTC());
    assertThatThrownBy(
            () -> client.lookUp(new InternalEndpoint("127.0.0.1", closedPort), ID).join())
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.UNREACHABLE));
  }

  @Test
  void withoutASecretNothingIsSent() throws Exception {
    owner = new ScriptedOwner(FIRST, (m, p, b) -> new Answer(204, new byte[0]));
    SecretSource none =
        new SecretSource() {
          @Override
          public Optional<InternalSecret> current() {
            return Optional.empty();
          }

          @Override
          public void rejected(InternalSecret used) {}
        };
    client = new InternalApiClient(none, Duration.ofSeconds(2), Clock.systemUTC());
    assertThatThrownBy(() -> client.loggedOut(owner.endpoint(), ID).join())
        .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.NO_SECRET));
    assertThat(owner.seen()).isEmpty();
  }

  static Reason reason(Throwable thrown) {
    Throwable cause = thrown instanceof CompletionException ? thrown.getCause() : thrown;
    assertThat(cause).isInstanceOf(InternalApiException.class);
    return ((InternalApiException) cause).reason();
  }

  static InternalSecret secret(int fill) {
    byte[] bytes = new byte[InternalSecret.LENGTH_BYTES];
    Arrays.fill(bytes, (byte) fill);
    return new InternalSecret(bytes);
  }
}
