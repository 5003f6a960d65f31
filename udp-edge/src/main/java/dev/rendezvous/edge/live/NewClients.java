package dev.rendezvous.edge.live;

import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.FamilyEntry;
import dev.rendezvous.core.directory.Owner;
import dev.rendezvous.core.timing.Liveness;
import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.edge.pulse.InboundPulse;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.time.Instant;
import java.util.Optional;

/**
 * A pulse for a (client, family) with no slot here: the one path that reads storage for a pulse.
 * The negative cache answers junk ids for free; the per-source bucket is charged for the read (only
 * this path spends it); the directory item authenticates the pulse and says whether the client is
 * ONLINE; then the client gets a slot (a challenge for v2, a claim for v1).
 */
final class NewClients {
  private final Shard shard;
  private final LiveTable table;

  NewClients(Shard shard) {
    this.shard = shard;
    this.table = shard.table;
  }

  void onPulse(Arrival a) {
    if (shard.negatives.contains(a.idHi(), a.idLo(), a.nowMillis())) {
      unknown(a);
      return;
    }
    if (a.isV2() && Math.abs(a.counter() - a.nowMillis()) > shard.timings.maxSkewMillis()) {
      shard.metrics.dropped(DropReason.STALE);
      return;
    }
    if (!shard.sources.tryAcquire(a.sender().getAddress())) {
      shard.metrics.dropped(DropReason.RATE_LIMITED_SOURCE);
      return;
    }
    boolean started =
        shard.call(
            () -> shard.directory.find(a.clientId()),
            (found, error) -> {
              if (error != null) {
                shard.storageFailed(error);
              } else {
                afterRead(a, found);
              }
            });
    if (!started) {
      shard.metrics.dropped(DropReason.OVERLOADED);
    }
  }

  /** v1 learns "no such client" as 1060; v2 cannot be authenticated, so it gets silence. */
  private void unknown(Arrival a) {
    if (a.isV2()) {
      shard.metrics.dropped(DropReason.UNKNOWN_CLIENT);
    } else {
      shard.replies.reply(a, ResponseCode.UNKNOWN, null);
    }
  }

  private void afterRead(Arrival a, Optional<DirectoryEntry> found) {
    int existing = table.find(a.idHi(), a.idLo(), a.v6());
    if (existing >= 0) {
      shard.onPulse(existing, a); // another pulse of the client got a slot meanwhile
      return;
    }
    if (found.isEmpty()) {
      shard.negatives.add(a.idHi(), a.idLo(), a.nowMillis());
      unknown(a);
      return;
    }
    DirectoryEntry entry = found.get();
    byte[] key = entry.pulseMacKey().toBytes();
    if (!authentic(a, entry)) {
      return;
    }
    Liveness liveness = entry.liveness(shard.rules, Instant.ofEpochMilli(a.nowMillis()));
    if (liveness == Liveness.EXPIRED) {
      shard.replies.reply(a, ResponseCode.UNKNOWN, key);
      return;
    }
    if (liveness == Liveness.PENDING) {
      shard.replies.reply(a, ResponseCode.PENDING, key);
      return;
    }
    Optional<FamilyEntry> family = entry.family(Shard.family(a.v6()));
    Optional<Owner> previous = family.flatMap(FamilyEntry::owner);
    if (previous.isEmpty() || previous.get().task().equals(shard.task)) {
      admit(a, entry, family, false);
      return;
    }
    shard.taskRecords.isDown(previous.get().task(), down -> admit(a, entry, family, down));
  }

  private boolean authentic(Arrival a, DirectoryEntry entry) {
    if (a.isV2()) {
      if (!a.v2().isAuthenticBy(entry.pulseMacKey())) {
        shard.metrics.dropped(DropReason.UNAUTHENTICATED);
        return false;
      }
      if (a.counter() <= entry.highestCounter()) {
        shard.metrics.dropped(DropReason.REPLAYED);
        return false;
      }
      return true;
    }
    PrivateKey key = ((InboundPulse.V1) a.pulse()).request().key();
    if (!entry.keyVerifier().matches(key)) {
      shard.replies.reply(a, ResponseCode.UNKNOWN, null); // v1: a wrong key is no such client
      return false;
    }
    return true;
  }

  /** Gives the client a slot: a challenge first for v2, a claim at once for v1. */
  private void admit(
      Arrival a, DirectoryEntry entry, Optional<FamilyEntry> family, boolean previousDown) {
    int existing = table.find(a.idHi(), a.idLo(), a.v6());
    if (existing >= 0) {
      shard.onPulse(existing, a);
      return;
    }
    int slot = table.allocate(a.idHi(), a.idLo(), a.v6());
    if (slot < 0) {
      shard.metrics.dropped(DropReason.CAPACITY);
      return;
    }
    shard.wheel.ensureCapacity(table.capacity());
    byte[] key = entry.pulseMacKey().toBytes();
    table.setMacKey(slot, key);
    table.setCounter(slot, Math.max(a.counter(), entry.highestCounter()));
    table.setAddress(slot, a.srcHi(), a.srcLo(), a.srcPort());
    table.setLastPulse(slot, a.nowMillis());
    table.setDue(slot, a.nowMillis()); // first seen: the takeover is judged at this instant
    table.setLease(slot, family.map(f -> f.onlineUntil().toEpochMilli()).orElse(0L));
    table.setFlag(slot, SlotFlags.PREVIOUS_OWNER_DOWN, previousDown);
    if (!a.isV2() || shard.proven(a)) {
      shard.takeovers.claim(slot, a); // v1 has nothing to prove; this v2 pulse already did
      return;
    }
    shard.writes.rearm(slot);
    shard.replies.challenge(a, shard.nonceFor(a), key);
  }
}
