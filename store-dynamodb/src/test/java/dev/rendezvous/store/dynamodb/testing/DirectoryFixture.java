package dev.rendezvous.store.dynamodb.testing;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.FamilyEntry;
import dev.rendezvous.core.directory.LiveDirectory;
import dev.rendezvous.core.directory.Owner;
import dev.rendezvous.core.directory.OwnerWrite;
import dev.rendezvous.core.directory.OwnerWriteResult;
import dev.rendezvous.core.directory.Takeover;
import dev.rendezvous.core.directory.TakeoverResult;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.protocol.identity.PrivateKey;
import dev.rendezvous.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the directory contract's tests share: a store under test (both ports over the same storage),
 * a clock moved by hand so timing is exact, and helpers for the edge's writes. A store's test
 * extends {@link DirectoryContract} and supplies {@link #newSubject}.
 */
public abstract class DirectoryFixture {
  /** Interval 30 s, grace 5 s, error time 180 s: window 35 s, lifetime 210 s. */
  public static final PulseTimings TIMINGS = new PulseTimings(30, 5, 180);

  /**
   * The default lease: a checkpoint period of 10 intervals plus 4 intervals of slack (14 x 30 s).
   */
  public static final Duration LEASE = Duration.ofMinutes(7);

  public static final ObservedAddress HOME = new ObservedAddress("198.51.100.7", 40001);
  public static final ObservedAddress ROAMING = new ObservedAddress("203.0.113.99", 51515);
  public static final ObservedAddress HOME_V6 = new ObservedAddress("2001:db8::7", 40001);

  public static final TaskId X = new TaskId("0000000000000000000000000000000a");
  public static final TaskId Y = new TaskId("0000000000000000000000000000000b");

  protected final MutableClock clock = MutableClock.startingAt("2026-11-26T12:00:00.250Z");
  protected final LivenessRules rules = new LivenessRules(TIMINGS);
  protected final CredentialFactory credentials = new CredentialFactory();

  protected ClientRegistry registry;
  protected LiveDirectory live;
  private Subject subject;

  /** Both ports over the same storage, and what to close after each test (may be null). */
  public record Subject(ClientRegistry registry, LiveDirectory live, AutoCloseable closer) {}

  protected abstract Subject newSubject(LivenessRules rules, MutableClock clock);

  /** How long after expiry the sweep is sure to find a client (0 for stores that scan). */
  protected Duration sweepDelay() {
    return Duration.ZERO;
  }

  /** This fixture, for the contract interfaces' default methods. */
  public DirectoryFixture fixture() {
    return this;
  }

  @BeforeEach
  void createSubject() {
    subject = newSubject(rules, clock);
    registry = subject.registry();
    live = subject.live();
  }

  @AfterEach
  void closeSubject() throws Exception {
    if (subject.closer() != null) {
      subject.closer().close();
    }
  }

  public PrivateKey registered() {
    ClientCredentials issued = credentials.issue();
    registry.register(issued);
    return issued.privateKey();
  }

  public PrivateKey stranger() {
    return credentials.issue().privateKey();
  }

  public DirectoryEntry stored(PrivateKey key) {
    return registry.find(key.clientId()).orElseThrow();
  }

  public FamilyEntry stored(PrivateKey key, AddressFamily family) {
    return stored(key).family(family).orElseThrow();
  }

  public static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  /** A takeover of the key's family of {@code address}, for a pulse received now. */
  public TakeoverResult takeOver(PrivateKey key, TaskId task, ObservedAddress address, long c) {
    return takeOverAt(key, task, address, c, clock.instant());
  }

  /** A takeover for a pulse received at {@code pulseAt} (written now, with a lease from now). */
  public TakeoverResult takeOverAt(
      PrivateKey key, TaskId task, ObservedAddress address, long counter, Instant pulseAt) {
    Instant now = clock.instant();
    return await(
        live.takeOver(
            new Takeover(
                key.clientId(),
                AddressFamily.of(address),
                task,
                address,
                pulseAt,
                now.plus(LEASE),
                counter)));
  }

  /** Takes the family over and returns the new owner (the takeover must succeed). */
  public Owner own(PrivateKey key, TaskId task, ObservedAddress address, long counter) {
    TakeoverResult result = takeOver(key, task, address, counter);
    if (result instanceof TakeoverResult.Taken taken) {
      return taken.owner();
    }
    throw new AssertionError("takeover refused: " + result);
  }

  /** An owner write for a pulse received now, with a lease from now. */
  public OwnerWrite write(PrivateKey key, AddressFamily family, Owner owner, long counter) {
    Instant now = clock.instant();
    return new OwnerWrite(key.clientId(), family, owner, now, now.plus(LEASE), counter);
  }

  public OwnerWriteResult checkpoint(PrivateKey key, AddressFamily f, Owner owner, long counter) {
    return await(live.checkpoint(write(key, f, owner, counter)));
  }

  public OwnerWriteResult move(PrivateKey key, Owner owner, ObservedAddress to, long counter) {
    return await(live.moveAddress(write(key, AddressFamily.of(to), owner, counter), to));
  }

  public OwnerWriteResult markPending(
      PrivateKey key, AddressFamily family, Owner owner, Instant lastPulseAt) {
    return await(live.markPending(key.clientId(), family, owner, lastPulseAt));
  }
}
