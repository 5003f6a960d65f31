package dev.rendezvous.core.service;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.FamilyEntry;
import dev.rendezvous.core.directory.OwnedState;
import dev.rendezvous.core.directory.Owner;
import dev.rendezvous.core.timing.LivenessRules;
import java.util.Map;
import java.util.Optional;

/**
 * How a reader combines the directory with its live owners' answers (docs/architecture.md,
 * "Readers", step 4): an owner's answer replaces its family's directory values, with the exact last
 * pulse and {@code onlineUntil = lastPulse + window}; a family whose owner did not answer keeps the
 * directory's values (the lease). An answer whose epoch is below the directory's for that family
 * comes from a task that lost the client and is ignored. Status, {@code last_online}, host and port
 * then follow from the combined entry with the directory's usual rules.
 */
public final class ExactState {
  private ExactState() {}

  public static DirectoryEntry combine(
      DirectoryEntry entry, Map<AddressFamily, OwnedState> answers, LivenessRules rules) {
    DirectoryEntry exact = entry;
    for (OwnedState answer : answers.values()) {
      Optional<FamilyEntry> stored = entry.family(answer.family());
      long storedEpoch = stored.map(FamilyEntry::epoch).orElse(0L);
      if (answer.epoch() < storedEpoch) {
        continue;
      }
      Optional<Owner> owner =
          stored.flatMap(FamilyEntry::owner).map(o -> new Owner(o.task(), answer.epoch()));
      exact =
          exact.withFamily(
              new FamilyEntry(
                  answer.family(),
                  owner,
                  answer.address(),
                  answer.lastPulseAt(),
                  answer.lastPulseAt().plus(rules.timings().onlineWindow()),
                  Math.max(answer.counter(), stored.map(FamilyEntry::counter).orElse(0L))));
    }
    return exact;
  }
}
