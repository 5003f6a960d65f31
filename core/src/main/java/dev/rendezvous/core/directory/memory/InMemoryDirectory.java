package dev.rendezvous.core.directory.memory;

import dev.rendezvous.core.ClientIdCollisionException;
import dev.rendezvous.core.UnknownClientException;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.DirectoryRules;
import dev.rendezvous.core.directory.InternalSecret;
import dev.rendezvous.core.directory.LanCandidates;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.core.registry.SweepReport;
import dev.rendezvous.core.registry.VerifyOutcome;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The directory in process memory, with the same rules as the DynamoDB one ({@link
 * DirectoryRules}): for tests and for {@code RENDEZVOUS_STORE=memory} (measuring the edge alone;
 * keeps nothing). Thread-safe: each operation is one atomic {@code compute} on one client,
 * mirroring the single conditional write the DynamoDB directory makes. This class is the HTTP side
 * ({@link ClientRegistry}); {@link #live()} is the edge's side over the same clients.
 */
public final class InMemoryDirectory implements ClientRegistry {
  private final ConcurrentMap<ClientId, DirectoryEntry> clients = new ConcurrentHashMap<>();
  private final ConcurrentMap<TaskId, TaskRecord> tasks = new ConcurrentHashMap<>();
  private final AtomicReference<InternalSecret> secret = new AtomicReference<>();
  private final DirectoryRules rules;
  private final Clock clock;
  private final InMemoryLiveDirectory live;

  public InMemoryDirectory(LivenessRules liveness, Clock clock) {
    this(liveness, clock, new SecureRandom());
  }

  public InMemoryDirectory(LivenessRules liveness, Clock clock, SecureRandom random) {
    this.rules = new DirectoryRules(liveness);
    this.clock = clock;
    this.live = new InMemoryLiveDirectory(this, random);
  }

  /** The edge's slice of this directory (the same clients, tasks and secret). */
  public InMemoryLiveDirectory live() {
    return live;
  }

  @Override
  public Instant register(ClientCredentials credentials) {
    Instant now = clock.instant();
    PrivateKey key = credentials.privateKey();
    DirectoryEntry fresh =
        new DirectoryEntry(
            credentials.clientId(), key.verifier(), key.pulseMacKey(), now, now, 0, Map.of());
    DirectoryEntry existing = clients.putIfAbsent(credentials.clientId(), fresh);
    if (existing == null) {
      return now;
    }
    if (existing.keyVerifier().matches(key)) {
      return existing.registeredAt(); // the same key registered again: a retry, not a collision
    }
    throw new ClientIdCollisionException("client_id " + credentials.clientId() + " is taken");
  }

  @Override
  public Optional<DirectoryEntry> find(ClientId clientId) {
    return Optional.ofNullable(clients.get(clientId));
  }

  @Override
  public VerifyOutcome verify(PrivateKey key) {
    VerifyOutcome[] outcome = new VerifyOutcome[1];
    clients.compute(
        key.clientId(),
        (id, entry) -> {
          Instant now = clock.instant();
          outcome[0] = rules.verify(Optional.ofNullable(entry), key, now).orElse(null);
          return outcome[0] == VerifyOutcome.REVIVED ? entry.withLastSeenAt(now) : entry;
        });
    if (outcome[0] == null) {
      throw unknownKey();
    }
    return outcome[0];
  }

  @Override
  public void logout(PrivateKey key) {
    boolean[] removed = new boolean[1];
    clients.compute(
        key.clientId(),
        (id, entry) -> {
          removed[0] = rules.isAliveFor(Optional.ofNullable(entry), key, clock.instant());
          return removed[0] ? null : entry;
        });
    if (!removed[0]) {
      throw unknownKey();
    }
  }

  @Override
  public void reportLanCandidates(PrivateKey key, LanCandidates candidates) {
    boolean[] stored = new boolean[1];
    clients.computeIfPresent(
        key.clientId(),
        (id, entry) -> {
          stored[0] = rules.isAliveFor(Optional.of(entry), key, clock.instant());
          return stored[0] ? entry.withLanCandidates(candidates) : entry;
        });
    if (!stored[0]) {
      throw unknownKey();
    }
  }

  @Override
  public Optional<TaskRecord> findTask(TaskId task) {
    return Optional.ofNullable(tasks.get(task));
  }

  @Override
  public Optional<InternalSecret> findInternalSecret() {
    return Optional.ofNullable(secret.get());
  }

  /** Scans every client (a map has no index to read); deletes those expired by their leases. */
  @Override
  public SweepReport sweepExpired(Instant deadline) {
    int candidates = 0;
    int deleted = 0;
    for (ClientId id : clients.keySet()) {
      if (!clock.instant().isBefore(deadline)) {
        return new SweepReport(0, candidates, deleted, candidates - deleted, false);
      }
      candidates++;
      boolean[] gone = new boolean[1];
      clients.computeIfPresent(
          id,
          (k, entry) -> {
            gone[0] = rules.isExpired(entry, clock.instant());
            return gone[0] ? null : entry;
          });
      if (gone[0]) {
        deleted++;
      }
    }
    return new SweepReport(0, candidates, deleted, candidates - deleted, true);
  }

  /** How many clients are held (for the edge benchmark's report). */
  public int size() {
    return clients.size();
  }

  ConcurrentMap<ClientId, DirectoryEntry> clients() {
    return clients;
  }

  ConcurrentMap<TaskId, TaskRecord> tasks() {
    return tasks;
  }

  AtomicReference<InternalSecret> secret() {
    return secret;
  }

  DirectoryRules rules() {
    return rules;
  }

  Clock clock() {
    return clock;
  }

  private static UnknownClientException unknownKey() {
    return new UnknownClientException("unknown or expired key");
  }
}
