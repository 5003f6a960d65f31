package dev.rendezvous.core.directory.memory;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.FamilyEntry;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.registry.PulseOutcome;
import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.time.Instant;
import java.util.Optional;

/**
 * The per-pulse write path ({@link dev.rendezvous.core.registry.PulseRecorder}) on the in-memory
 * directory: an accepted pulse records its family without an owner, ONLINE until one window after
 * it (exactly what a pulse meant before owners existed).
 */
final class OwnerlessPulses {
  private final InMemoryDirectory directory;

  OwnerlessPulses(InMemoryDirectory directory) {
    this.directory = directory;
  }

  /** A v1 pulse passes {@code key} and counter 0; a v2 pulse passes no key and its counter. */
  PulseOutcome record(ClientId id, PrivateKey key, long counter, ObservedAddress source) {
    PulseOutcome[] outcome = {PulseOutcome.UNKNOWN};
    directory
        .clients()
        .computeIfPresent(
            id,
            (k, entry) -> {
              outcome[0] = decide(entry, key, counter);
              if (outcome[0] == PulseOutcome.ACCEPTED) {
                return entry.withFamily(recorded(entry, counter, source));
              }
              if (outcome[0] == PulseOutcome.PENDING && counter > 0) {
                return entry.withBurnedCounter(counter);
              }
              return entry;
            });
    return outcome[0];
  }

  private PulseOutcome decide(DirectoryEntry entry, PrivateKey key, long counter) {
    if (key != null && !entry.keyVerifier().matches(key)) {
      return PulseOutcome.UNKNOWN;
    }
    if (counter > 0 && counter <= entry.highestCounter()) {
      return PulseOutcome.REPLAYED;
    }
    Liveness liveness = entry.liveness(directory.rules().liveness(), directory.clock().instant());
    return switch (liveness) {
      case ONLINE -> PulseOutcome.ACCEPTED;
      case PENDING -> PulseOutcome.PENDING;
      case EXPIRED -> PulseOutcome.UNKNOWN;
    };
  }

  private FamilyEntry recorded(DirectoryEntry entry, long counter, ObservedAddress source) {
    Instant now = directory.clock().instant();
    AddressFamily family = AddressFamily.of(source);
    Optional<FamilyEntry> before = entry.family(family);
    return new FamilyEntry(
        family,
        before.flatMap(FamilyEntry::owner),
        source,
        now,
        directory.rules().pendingDeadline(now),
        counter > 0 ? counter : before.map(FamilyEntry::counter).orElse(0L));
  }
}
