package dev.rendezvous.core.registry.memory;

import dev.rendezvous.core.ClientIdCollisionException;
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
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

/**
 * Both storage ports over a concurrent map. Each operation is one atomic {@code compute} on one
 * key, mirroring the single conditional write the DynamoDB store makes.
 */
public final class InMemoryClientRegistry implements ClientRegistry, PulseRecorder {
  private final ConcurrentMap<ClientId, ClientSnapshot> clients = new ConcurrentHashMap<>();
  private final LivenessRules rules;
  private final Clock clock;

  public InMemoryClientRegistry(LivenessRules rules, Clock clock) {
    this.rules = rules;
    this.clock = clock;
  }

  @Override
  public Instant register(ClientCredentials credentials) {
    Instant now = clock.instant();
    PrivateKey key = credentials.privateKey();
    ClientSnapshot fresh =
        new ClientSnapshot(
            credentials.clientId(),
            key.verifier(),
            key.pulseMacKey(),
            now,
            now,
            Optional.empty(),
            Optional.empty(),
            0);
    if (clients.putIfAbsent(credentials.clientId(), fresh) != null) {
      throw new ClientIdCollisionException("client_id " + credentials.clientId() + " is taken");
    }
    return now;
  }

  @Override
  public VerifyOutcome verify(PrivateKey key) {
    VerifyOutcome[] outcome = new VerifyOutcome[1];
    clients.computeIfPresent(
        key.clientId(),
        (id, c) -> {
          Instant now = clock.instant();
          if (!c.keyVerifier().matches(key)) {
            return c;
          }
          Liveness liveness = c.liveness(rules, now);
          if (liveness == Liveness.PENDING) {
            outcome[0] = VerifyOutcome.REVIVED;
            return withLastSeen(c, now);
          }
          if (liveness == Liveness.ONLINE) {
            outcome[0] = VerifyOutcome.ALREADY_ONLINE;
          }
          return c;
        });
    if (outcome[0] == null) {
      throw new UnknownClientException("unknown or expired key");
    }
    return outcome[0];
  }

  @Override
  public void logout(PrivateKey key) {
    boolean[] removed = new boolean[1];
    clients.computeIfPresent(
        key.clientId(),
        (id, c) -> {
          if (c.keyVerifier().matches(key)
              && c.liveness(rules, clock.instant()) != Liveness.EXPIRED) {
            removed[0] = true;
            return null;
          }
          return c;
        });
    if (!removed[0]) {
      throw new UnknownClientException("unknown or expired key");
    }
  }

  @Override
  public PulseOutcome recordPulse(PrivateKey key, ObservedAddress source) {
    return record(key.clientId(), source, c -> c.keyVerifier().matches(key), -1);
  }

  @Override
  public CompletionStage<PulseOutcome> pulse(PrivateKey key, ObservedAddress source) {
    return CompletableFuture.completedFuture(recordPulse(key, source));
  }

  @Override
  public CompletionStage<PulseOutcome> authenticatedPulse(
      ClientId clientId, long counter, ObservedAddress source) {
    return CompletableFuture.completedFuture(record(clientId, source, c -> true, counter));
  }

  @Override
  public Optional<ClientSnapshot> find(ClientId clientId) {
    return Optional.ofNullable(clients.get(clientId));
  }

  @Override
  public CompletionStage<Optional<ClientSnapshot>> lookUp(ClientId clientId) {
    return CompletableFuture.completedFuture(find(clientId));
  }

  @Override
  public SweepReport sweepExpired(Instant deadline) {
    int candidates = 0;
    int deleted = 0;
    for (ClientId id : clients.keySet()) {
      candidates++;
      ClientSnapshot gone =
          clients.computeIfPresent(
              id, (k, c) -> c.liveness(rules, clock.instant()) == Liveness.EXPIRED ? null : c);
      if (gone == null) {
        deleted++;
      }
    }
    return new SweepReport(0, candidates, deleted, candidates - deleted, true);
  }

  /** How many clients are held (for the edge benchmark's report). */
  public int size() {
    return clients.size();
  }

  private PulseOutcome record(
      ClientId id, ObservedAddress source, Predicate<ClientSnapshot> authentic, long counter) {
    PulseOutcome[] outcome = {PulseOutcome.UNKNOWN};
    clients.computeIfPresent(
        id,
        (k, c) -> {
          Instant now = clock.instant();
          if (!authentic.test(c)) {
            return c;
          }
          if (counter >= 0 && counter <= c.pulseCounter()) {
            outcome[0] = PulseOutcome.REPLAYED;
            return c;
          }
          switch (c.liveness(rules, now)) {
            case ONLINE -> {
              outcome[0] = PulseOutcome.ACCEPTED;
              if (counter < 0 && c.lastPulseAt().filter(at -> !at.isBefore(now)).isPresent()) {
                return c; // a v1 pulse older than the recorded one moves nothing back
              }
              return new ClientSnapshot(
                  c.clientId(),
                  c.keyVerifier(),
                  c.pulseMacKey(),
                  c.registeredAt(),
                  now,
                  Optional.of(now),
                  Optional.of(source),
                  counter >= 0 ? counter : c.pulseCounter());
            }
            case PENDING -> {
              outcome[0] = PulseOutcome.PENDING;
              if (counter >= 0) {
                // burn the counter, so this authentic pulse cannot be replayed after a verify
                return withCounter(c, counter);
              }
            }
            case EXPIRED -> outcome[0] = PulseOutcome.UNKNOWN;
          }
          return c;
        });
    return outcome[0];
  }

  private static ClientSnapshot withCounter(ClientSnapshot c, long counter) {
    return new ClientSnapshot(
        c.clientId(),
        c.keyVerifier(),
        c.pulseMacKey(),
        c.registeredAt(),
        c.lastSeenAt(),
        c.lastPulseAt(),
        c.lastAddress(),
        counter);
  }

  private static ClientSnapshot withLastSeen(ClientSnapshot c, Instant now) {
    return new ClientSnapshot(
        c.clientId(),
        c.keyVerifier(),
        c.pulseMacKey(),
        c.registeredAt(),
        now,
        c.lastPulseAt(),
        c.lastAddress(),
        c.pulseCounter());
  }
}
