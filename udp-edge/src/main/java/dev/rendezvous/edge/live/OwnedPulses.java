package dev.rendezvous.edge.live;

import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.FamilyEntry;
import dev.rendezvous.core.directory.Owner;
import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.edge.pulse.InboundPulse;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.PulseMacKey;
import dev.rendezvous.protocol.v2.PulseV2Request;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * A pulse for a (client, family) that has a slot: authenticated from memory first (a v2 counter not
 * above the one in memory is dropped before anything else; no bucket is spent on a replay or a
 * forgery), then answered from memory, or with one directory write when the address moves.
 */
final class OwnedPulses {
  private final Shard shard;
  private final LiveTable table;

  OwnedPulses(Shard shard) {
    this.shard = shard;
    this.table = shard.table;
  }

  void onPulse(int slot, Arrival a) {
    byte[] key = table.macKey(slot);
    if (!authentic(slot, a, key)) {
      return;
    }
    int state = table.state(slot);
    if (state == LiveTable.GONE) {
      shard.replies.reply(a, ResponseCode.UNKNOWN, key);
      shard.forget(slot);
      return;
    }
    boolean sameSource = table.hasAddress(slot, a.srcHi(), a.srcLo(), a.srcPort());
    if (a.isV2() && needsProof(a, sameSource, state) && !shard.proven(a)) {
      shard.replies.challenge(a, shard.nonceFor(a), key);
      return;
    }
    switch (state) {
      case LiveTable.CHALLENGED -> {
        table.setAddress(slot, a.srcHi(), a.srcLo(), a.srcPort());
        table.setLastPulse(slot, a.nowMillis());
        shard.takeovers.claim(slot, a);
      }
      case LiveTable.CLAIMED, LiveTable.TAKING -> claimedPulse(slot, a, sameSource, key);
      case LiveTable.OWNED -> {
        if (a.nowMillis() - table.lastPulse(slot) > shard.timings.windowMillis()) {
          pendingPulse(slot, a, sameSource, key);
        } else if (sameSource) {
          accept(slot, a, key);
        } else {
          shard.writes.move(slot, a);
        }
      }
      case LiveTable.PENDING -> pendingPulse(slot, a, sameSource, key);
      default -> shard.internalError(new IllegalStateException("slot in state " + state));
    }
  }

  /** v2: counter above memory's, then skew, then the MAC; v1: the key's derived MAC key. */
  private boolean authentic(int slot, Arrival a, byte[] key) {
    if (a.isV2()) {
      PulseV2Request request = a.v2();
      if (request.counter() <= table.counter(slot)) {
        shard.metrics.dropped(DropReason.REPLAYED);
        return false;
      }
      if (Math.abs(request.counter() - a.nowMillis()) > shard.timings.maxSkewMillis()) {
        shard.metrics.dropped(DropReason.STALE);
        return false;
      }
      if (!request.isAuthenticBy(PulseMacKey.fromStoredBytes(key))) {
        shard.metrics.dropped(DropReason.UNAUTHENTICATED);
        return false;
      }
      table.setCounter(slot, request.counter());
      return true;
    }
    byte[] derived = ((InboundPulse.V1) a.pulse()).request().key().pulseMacKey().toBytes();
    if (!MessageDigest.isEqual(derived, key)) {
      shard.metrics.dropped(DropReason.UNAUTHENTICATED);
      return false;
    }
    return true;
  }

  /**
   * A v2 pulse must prove its source (answer a challenge) before it can take over, move the
   * address, or claim a family flag other than the one its source shows.
   */
  private static boolean needsProof(Arrival a, boolean sameSource, int state) {
    return state == LiveTable.CHALLENGED || !sameSource || a.v2().claimsIpv6() != a.v6();
  }

  private void accept(int slot, Arrival a, byte[] key) {
    table.setLastPulse(slot, a.nowMillis());
    shard.replies.reply(a, ResponseCode.ACCEPTED, key);
    if (table.lease(slot) - a.nowMillis() < shard.timings.windowMillis()
        && !table.hasFlag(slot, SlotFlags.WRITING)) {
      shard.writes.checkpoint(slot); // the lease no longer covers the window (after a revive)
    }
  }

  /** Not owned yet (claimed or being taken over): answered from memory. */
  private void claimedPulse(int slot, Arrival a, boolean sameSource, byte[] key) {
    if (a.nowMillis() - table.lastPulse(slot) > shard.timings.windowMillis()) {
      shard.forget(slot); // the claim lapsed: start over as a new client
      shard.onNewClient(a);
      return;
    }
    if (!sameSource) {
      if (table.state(slot) == LiveTable.TAKING) {
        shard.metrics.dropped(DropReason.BUSY);
        return;
      }
      table.setAddress(slot, a.srcHi(), a.srcLo(), a.srcPort());
    }
    table.setLastPulse(slot, a.nowMillis());
    shard.replies.reply(a, ResponseCode.ACCEPTED, key);
  }

  /**
   * Memory says PENDING. Before answering 1050, one directory read (charged to the client's bucket)
   * tells whether the client verified over HTTP while the owner was not told, or is gone.
   */
  private void pendingPulse(int slot, Arrival a, boolean sameSource, byte[] key) {
    if (table.hasFlag(slot, SlotFlags.WRITING) || !shard.clients.tryAcquire(a.clientId())) {
      shard.replies.reply(a, ResponseCode.PENDING, key);
      return;
    }
    int generation = table.generation(slot);
    long epoch = table.epoch(slot);
    table.setFlag(slot, SlotFlags.WRITING, true);
    boolean started =
        shard.call(
            () -> shard.directory.find(a.clientId()),
            (found, error) -> {
              if (table.generation(slot) != generation) {
                return;
              }
              table.setFlag(slot, SlotFlags.WRITING, false);
              if (error != null) {
                shard.replies.reply(a, ResponseCode.PENDING, key);
                return;
              }
              afterPendingRead(slot, a, sameSource, key, epoch, found);
            });
    if (!started) {
      table.setFlag(slot, SlotFlags.WRITING, false);
      shard.replies.reply(a, ResponseCode.PENDING, key);
    }
  }

  private void afterPendingRead(
      int slot,
      Arrival a,
      boolean sameSource,
      byte[] key,
      long epoch,
      Optional<DirectoryEntry> found) {
    if (found.isEmpty()) {
      shard.replies.reply(a, ResponseCode.UNKNOWN, key);
      shard.forget(slot);
      return;
    }
    DirectoryEntry entry = found.get();
    boolean mine =
        entry
            .family(Shard.family(a.v6()))
            .map(f -> f.isOwnedBy(new Owner(shard.task, epoch)))
            .orElse(false);
    if (!mine || table.epoch(slot) != epoch) {
      shard.metrics.dropped(DropReason.OWNERSHIP_LOST);
      shard.forget(slot);
      return;
    }
    if (!onlineWithoutThisFamily(entry, a)) {
      shard.replies.reply(a, ResponseCode.PENDING, key);
      return;
    }
    // Verified over HTTP since (the owner was not told), or ONLINE by the other family's owner:
    // the client never was PENDING as a whole.
    table.setState(slot, LiveTable.OWNED);
    if (sameSource) {
      accept(slot, a, key);
    } else {
      shard.writes.move(slot, a);
    }
    shard.writes.rearm(slot);
  }

  /**
   * ONLINE by what the directory says apart from this family (whose own lease this task wrote and
   * knows to be stale): a verify within the window, or the other family's lease.
   */
  private boolean onlineWithoutThisFamily(DirectoryEntry entry, Arrival a) {
    long now = a.nowMillis();
    if (now - entry.lastSeenAt().toEpochMilli() <= shard.timings.windowMillis()) {
      return true;
    }
    for (FamilyEntry family : entry.families().values()) {
      if (family.family() != Shard.family(a.v6()) && family.onlineUntil().toEpochMilli() >= now) {
        return true;
      }
    }
    return false;
  }
}
