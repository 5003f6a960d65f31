package dev.rendezvous.core.directory;

import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.KeyVerifier;
import dev.rendezvous.protocol.identity.PulseMacKey;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One client as the directory holds it.
 *
 * @param lastSeenAt registration or the last verify (pulses are kept per family)
 * @param burnedCounter the highest v2 counter of a pulse that was refused as PENDING (its counter
 *     is burned, so the pulse cannot be replayed after a verify); 0 if none
 * @param families what is known per address family; empty for a client that never pulsed
 * @param lanCandidates the LAN addresses the client last reported ({@link LanCandidates#NONE} if
 *     none)
 */
public record DirectoryEntry(
    ClientId clientId,
    KeyVerifier keyVerifier,
    PulseMacKey pulseMacKey,
    Instant registeredAt,
    Instant lastSeenAt,
    long burnedCounter,
    Map<AddressFamily, FamilyEntry> families,
    LanCandidates lanCandidates) {

  public DirectoryEntry {
    families = Map.copyOf(families);
    java.util.Objects.requireNonNull(lanCandidates, "lanCandidates");
  }

  /** An entry without LAN candidates. */
  public DirectoryEntry(
      ClientId clientId,
      KeyVerifier keyVerifier,
      PulseMacKey pulseMacKey,
      Instant registeredAt,
      Instant lastSeenAt,
      long burnedCounter,
      Map<AddressFamily, FamilyEntry> families) {
    this(
        clientId,
        keyVerifier,
        pulseMacKey,
        registeredAt,
        lastSeenAt,
        burnedCounter,
        families,
        LanCandidates.NONE);
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

  /**
   * The same as {@code liveness(rules, at) == ONLINE}, written the way a storage condition tests it
   * without computing a maximum: {@code lastSeenAt >= at - window OR some onlineUntil >= at}.
   */
  public boolean isOnlineAt(LivenessRules rules, Instant at) {
    if (!lastSeenAt.isBefore(rules.onlineSince(at))) {
      return true;
    }
    return families.values().stream().anyMatch(f -> !f.onlineUntil().isBefore(at));
  }

  /** The family's entry, if the client ever pulsed over it. */
  public Optional<FamilyEntry> family(AddressFamily family) {
    return Optional.ofNullable(families.get(family));
  }

  /**
   * The highest v2 counter the directory knows for the client (both families share the client's
   * counter sequence): a v2 pulse must carry a higher one to take over or move an address.
   */
  public long highestCounter() {
    long highest = burnedCounter;
    for (FamilyEntry family : families.values()) {
      highest = Math.max(highest, family.counter());
    }
    return highest;
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

  /** The time of the latest pulse written for any family, if the client ever pulsed. */
  public Optional<Instant> latestPulseAt() {
    return latestFamily().map(FamilyEntry::lastPulseAt);
  }

  /** The address of the latest pulse, as the seed's {@code host}/{@code port} report it. */
  public Optional<ObservedAddress> latestAddress() {
    return latestFamily().map(FamilyEntry::address);
  }

  /** This entry with one family replaced (or added). */
  public DirectoryEntry withFamily(FamilyEntry family) {
    Map<AddressFamily, FamilyEntry> changed = new EnumMap<>(AddressFamily.class);
    changed.putAll(families);
    changed.put(family.family(), family);
    return new DirectoryEntry(
        clientId,
        keyVerifier,
        pulseMacKey,
        registeredAt,
        lastSeenAt,
        burnedCounter,
        changed,
        lanCandidates);
  }

  /** This entry seen (verified) at {@code at}. */
  public DirectoryEntry withLastSeenAt(Instant at) {
    return new DirectoryEntry(
        clientId,
        keyVerifier,
        pulseMacKey,
        registeredAt,
        at,
        burnedCounter,
        families,
        lanCandidates);
  }

  /** This entry with {@code counter} burned. */
  public DirectoryEntry withBurnedCounter(long counter) {
    return new DirectoryEntry(
        clientId,
        keyVerifier,
        pulseMacKey,
        registeredAt,
        lastSeenAt,
        counter,
        families,
        lanCandidates);
  }

  /** This entry with other LAN candidates. */
  public DirectoryEntry withLanCandidates(LanCandidates candidates) {
    return new DirectoryEntry(
        clientId,
        keyVerifier,
        pulseMacKey,
        registeredAt,
        lastSeenAt,
        burnedCounter,
        families,
        candidates);
  }

  /** The public IPv4 host the directory records for the client, if it ever pulsed over IPv4. */
  public Optional<String> publicIpv4() {
    return family(AddressFamily.IPV4).map(f -> f.address().host());
  }
}
