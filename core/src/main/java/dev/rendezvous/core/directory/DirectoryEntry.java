package dev.rendezvous.core.directory;

import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.KeyVerifier;
import dev.rendezvous.protocol.identity.PulseMacKey;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One client as the directory holds it.
 *
 * @param lastSeenAt registration or the last verify (pulses are kept per family)
 * @param families what is known per address family; empty for a client that never pulsed
 */
public record DirectoryEntry(
    ClientId clientId,
    KeyVerifier keyVerifier,
    PulseMacKey pulseMacKey,
    Instant registeredAt,
    Instant lastSeenAt,
    Map<AddressFamily, FamilyEntry> families) {

  public DirectoryEntry {
    families = Map.copyOf(families);
  }

  /**
   * The effective last sign of life: {@code max(lastSeenAt, onlineUntil - window)} over the
   * families. Every rule that reads only the directory computes liveness from it, so expiry follows
   * the owners' leases, not just their last writes.
   */
  public Instant effectiveLastSeen(LivenessRules rules) {
    Instant latest = lastSeenAt;
    for (FamilyEntry family : families.values()) {
      Instant vouched = family.onlineUntil().minus(rules.timings().onlineWindow());
      if (vouched.isAfter(latest)) {
        latest = vouched;
      }
    }
    return latest;
  }

  /** Liveness by the directory alone (readers replace a family's values by its live owner's). */
  public Liveness liveness(LivenessRules rules, Instant now) {
    return rules.liveness(effectiveLastSeen(rules), now);
  }

  /** The family whose last pulse is the latest, if the client ever pulsed. */
  public Optional<FamilyEntry> latestFamily() {
    FamilyEntry latest = null;
    for (FamilyEntry family : families.values()) {
      if (latest == null || family.lastPulseAt().isAfter(latest.lastPulseAt())) {
        latest = family;
      }
    }
    return Optional.ofNullable(latest);
  }

  /** The address of the latest pulse, as the seed's {@code host}/{@code port} report it. */
  public Optional<ObservedAddress> latestAddress() {
    return latestFamily().map(FamilyEntry::address);
  }
}
