package dev.rendezvous.edge.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.FamilyEntry;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.core.directory.TaskState;
import dev.rendezvous.core.directory.memory.InMemoryDirectory;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.edge.TroubledDirectory;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.protocol.v2.PulseV2ReplyCodec;
import dev.rendezvous.testkit.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One directory (the real in-memory one, behind a {@link TroubledDirectory}), one clock the test
 * moves, and any number of edge tasks ({@link TaskFixture}) on it. Tasks revoke each other through
 * their real {@link Shard#revoke} (in process, where the internal API would carry the call).
 */
final class World {
  /** interval 10 s, grace 2 s, error time 20 s: window 12 s, lifetime 30 s. */
  static final PulseTimings TIMINGS = new PulseTimings(10, 2, 20);

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
  final LivenessRules rules = new LivenessRules(TIMINGS);
  final InMemoryDirectory directory = new InMemoryDirectory(rules, clock);
  final TroubledDirectory troubled = new TroubledDirectory(directory.live());
  final Map<TaskId, TaskFixture> tasks = new HashMap<>();
  final Map<ClientId, Long> counters = new HashMap<>();
  private final Set<TaskId> dead = new HashSet<>();
  private final Set<TaskId> draining = new HashSet<>();
  private final CredentialFactory credentials = new CredentialFactory();
  private final SecureRandom random = new SecureRandom();

  TaskFixture task() {
    return task(TaskFixture.Options.defaults());
  }

  TaskFixture task(TaskFixture.Options options) {
    TaskFixture t = new TaskFixture(this, TaskId.random(random), options);
    tasks.put(t.id, t);
    heartbeat(t, TaskState.SERVING, clock.instant());
    return t;
  }

  /** Writes a task's heartbeat item as of {@code at}. */
  void heartbeat(TaskFixture t, TaskState state, Instant at) {
    if (state == TaskState.DRAINING) {
      draining.add(t.id);
    }
    directory
        .live()
        .heartbeat(new TaskRecord(t.id, "127.0.0.1", 5027, at, at, state, "test"))
        .toCompletableFuture()
        .join();
  }

  /**
   * The task dies (as after kill -9): it stops heart-beating and its timers stop; its heartbeat
   * item ages past stale.
   */
  void kill(TaskFixture t) {
    dead.add(t.id);
    heartbeat(t, TaskState.SERVING, clock.instant().minus(Duration.ofMinutes(1)));
  }

  ClientCredentials register() {
    ClientCredentials c = credentials.issue();
    directory.register(c);
    return c;
  }

  ClientCredentials unregistered() {
    return credentials.issue();
  }

  DirectoryEntry entry(ClientCredentials c) {
    return directory.find(c.clientId()).orElseThrow();
  }

  /** The client's IPv4 family in the directory (it must have one). */
  FamilyEntry v4(ClientCredentials c) {
    return entry(c).family(AddressFamily.IPV4).orElseThrow();
  }

  /** The code of an authenticated v2 reply to {@code c} (there must be one). */
  static ResponseCode replyCode(byte[] reply, ClientCredentials c) {
    assertThat(reply).as("a reply").isNotNull();
    return PulseV2ReplyCodec.decode(reply, c.privateKey().pulseMacKey()).code();
  }

  /** Moves the clock; live tasks heart-beat (their timers do not run: see {@link #run}). */
  void advance(Duration d) {
    clock.advance(d);
    beatLiveTasks();
  }

  /** Moves the clock in steps, letting every live task's timers fire on the way. */
  void run(Duration d) {
    long steps = d.toMillis() / Shard.TICK_MILLIS;
    for (long i = 0; i < steps; i++) {
      clock.advance(Duration.ofMillis(Shard.TICK_MILLIS));
      for (TaskFixture t : tasks.values()) {
        if (!dead.contains(t.id)) {
          t.tick();
        }
      }
      if (clock.millis() % 5_000 < Shard.TICK_MILLIS) {
        beatLiveTasks();
      }
    }
  }

  private void beatLiveTasks() {
    for (TaskFixture t : tasks.values()) {
      if (!dead.contains(t.id) && !draining.contains(t.id)) {
        heartbeat(t, TaskState.SERVING, clock.instant());
      }
    }
  }
}
