package dev.rendezvous.core.directory;

import dev.rendezvous.core.registry.VerifyOutcome;
import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.time.Instant;
import java.util.Optional;

/**
 * What each directory write decides, from the client's entry as it is: the one statement of the
 * rules that every store keeps. The in-memory directory applies these decisions inside one atomic
 * step; the DynamoDB directory expresses them as condition expressions and uses these methods to
 * explain a failed condition from the item as it was. docs/architecture.md has the table.
 */
public final class DirectoryRules {
  private final LivenessRules rules;

  public DirectoryRules(LivenessRules rules) {
    this.rules = rules;
  }

  public LivenessRules liveness() {
    return rules;
  }

  /**
   * A takeover, decided in this order: no client, {@code Unknown}; a v2 counter not above the
   * client's highest, {@code Replayed}; expired at the pulse's receive time, {@code Unknown};
   * PENDING then, {@code Pending}; otherwise {@code Taken} with the family's next epoch.
   */
  public TakeoverResult takeover(Optional<DirectoryEntry> entry, Takeover takeover) {
    if (entry.isEmpty()) {
      return new TakeoverResult.Unknown();
    }
    DirectoryEntry client = entry.get();
    if (takeover.counter() > 0 && takeover.counter() <= client.highestCounter()) {
      return new TakeoverResult.Replayed();
    }
    Liveness atPulse = client.liveness(rules, takeover.lastPulseAt());
    if (atPulse == Liveness.EXPIRED) {
      return new TakeoverResult.Unknown();
    }
    if (atPulse == Liveness.PENDING) {
      return new TakeoverResult.Pending();
    }
    Optional<FamilyEntry> family = client.family(takeover.family());
    long epoch = family.map(FamilyEntry::epoch).orElse(0L) + 1;
    return new TakeoverResult.Taken(
        new Owner(takeover.task(), epoch), family.flatMap(FamilyEntry::owner));
  }

  /**
   * An owner's write (checkpoint, PENDING, or an address move with {@code moveCounter}; pass 0 for
   * the others and for v1): no client, {@code GONE}; another owner or epoch, {@code LOST}; a v2
   * move whose counter is not above the client's highest, {@code REPLAYED}; otherwise {@code
   * WRITTEN}.
   */
  public OwnerWriteResult ownerWrite(
      Optional<DirectoryEntry> entry, AddressFamily family, Owner owner, long moveCounter) {
    if (entry.isEmpty()) {
      return OwnerWriteResult.GONE;
    }
    boolean mine = entry.get().family(family).map(f -> f.isOwnedBy(owner)).orElse(false);
    if (!mine) {
      return OwnerWriteResult.LOST;
    }
    if (moveCounter > 0 && moveCounter <= entry.get().highestCounter()) {
      return OwnerWriteResult.REPLAYED;
    }
    return OwnerWriteResult.WRITTEN;
  }

  /**
   * The verify write at {@code now}: empty when the key names no unexpired client; {@code
   * ALREADY_ONLINE} when a verify within the online window already revived it; otherwise {@code
   * REVIVED} (write it).
   */
  public Optional<VerifyOutcome> verify(
      Optional<DirectoryEntry> entry, PrivateKey key, Instant now) {
    if (!isAliveFor(entry, key, now)) {
      return Optional.empty();
    }
    if (!entry.get().lastSeenAt().isBefore(rules.onlineSince(now))) {
      return Optional.of(VerifyOutcome.ALREADY_ONLINE);
    }
    return Optional.of(VerifyOutcome.REVIVED);
  }

  /** Logout (and verify) need the key to match a client that has not expired at {@code now}. */
  public boolean isAliveFor(Optional<DirectoryEntry> entry, PrivateKey key, Instant now) {
    return entry.isPresent()
        && entry.get().keyVerifier().matches(key)
        && entry.get().liveness(rules, now) != Liveness.EXPIRED;
  }

  /** The sweep deletes a client only while it is expired by its effective last seen. */
  public boolean isExpired(DirectoryEntry entry, Instant now) {
    return entry.liveness(rules, now) == Liveness.EXPIRED;
  }

  /**
   * The effective last seen a write that extends life vouches for: its pulse time, or its lease
   * minus the window when that is later. The TTL and the sweep bucket are computed from it.
   */
  public Instant vouchedLastSeen(Instant lastPulseAt, Instant onlineUntil) {
    Instant byLease = onlineUntil.minus(rules.timings().onlineWindow());
    return byLease.isAfter(lastPulseAt) ? byLease : lastPulseAt;
  }

  /** The PENDING transition's onlineUntil: the exact deadline of the last pulse. */
  public Instant pendingDeadline(Instant lastPulseAt) {
    return lastPulseAt.plus(rules.timings().onlineWindow());
  }
}
