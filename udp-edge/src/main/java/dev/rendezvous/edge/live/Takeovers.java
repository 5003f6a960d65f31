package dev.rendezvous.edge.live;

import dev.rendezvous.core.directory.Owner;
import dev.rendezvous.core.directory.Takeover;
import dev.rendezvous.core.directory.TakeoverResult;
import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.protocol.ResponseCode;
import java.time.Instant;

/**
 * Taking ownership of a (client, family) that proved itself: written at once while the previous
 * owner is alive (or there is none), or deferred while it is dead or draining (answered from memory
 * meanwhile, queued earliest-deadline first, written at this shard's takeover rate and always
 * before the previous owner's lease runs out). Then the previous owner is told to revoke.
 */
final class Takeovers {
  private final Shard shard;
  private final LiveTable table;
  private final TakeoverQueue queue = new TakeoverQueue();
  private final double ratePerMilli;
  private final double burst;
  private final PreviousOwners previousOwners;
  private double tokens;
  private long refilledAtMillis;

  Takeovers(Shard shard, double ratePerSecond, PreviousOwners previousOwners) {
    this.shard = shard;
    this.table = shard.table;
    this.ratePerMilli = ratePerSecond / 1000.0;
    this.burst = Math.max(1, ratePerSecond / 10);
    this.previousOwners = previousOwners;
    this.tokens = burst;
    this.refilledAtMillis = shard.clock.millis();
  }

  /** Deferred takeovers waiting now. */
  int queued() {
    return queue.size();
  }

  /** The slot's client proved itself (v2) or is v1: take it over, now or deferred. */
  void claim(int slot, Arrival a) {
    long deadline = table.lease(slot) - shard.timings.deferMarginMillis();
    if (table.hasFlag(slot, SlotFlags.PREVIOUS_OWNER_DOWN) && deadline > a.nowMillis()) {
      table.setState(slot, LiveTable.CLAIMED);
      enqueue(slot, deadline);
      shard.writes.rearm(slot);
      // ONLINE by the directory (the previous owner's lease), and pulsing here.
      shard.replies.reply(a, ResponseCode.ACCEPTED, table.macKey(slot));
      return;
    }
    write(slot, a);
  }

  /** Writes due deferred takeovers: at the rate, and every one whose deadline has come. */
  void drain(long nowMillis) {
    tokens = Math.min(burst, tokens + (nowMillis - refilledAtMillis) * ratePerMilli);
    refilledAtMillis = nowMillis;
    while (!queue.isEmpty()) {
      int slot = queue.peekSlot();
      boolean valid =
          table.generation(slot) == queue.peekGeneration()
              && table.state(slot) == LiveTable.CLAIMED;
      if (valid && tokens < 1 && queue.peekDeadline() > nowMillis) {
        return;
      }
      queue.pop();
      if (!valid) {
        continue;
      }
      table.setFlag(slot, SlotFlags.QUEUED, false);
      tokens = Math.max(0, tokens - 1);
      if (!write(slot, null)) {
        enqueue(slot, nowMillis); // the in-flight bound is reached: again at the next tick
        return;
      }
    }
  }

  private void enqueue(int slot, long deadline) {
    if (!table.hasFlag(slot, SlotFlags.QUEUED)) {
      table.setFlag(slot, SlotFlags.QUEUED, true);
      queue.push(deadline, slot, table.generation(slot));
    }
  }

  /**
   * The takeover write; {@code a} is the pulse waiting for its answer, or null for a deferred one.
   * False when nothing could start (the in-flight bound).
   */
  private boolean write(int slot, Arrival a) {
    if (a != null && !shard.clients.tryAcquire(a.clientId())) {
      shard.metrics.dropped(DropReason.RATE_LIMITED_CLIENT);
      return true;
    }
    int generation = table.generation(slot);
    int previousState = table.state(slot);
    long now = shard.clock.millis();
    long onlineUntil = now + shard.timings.leaseMillis();
    Takeover takeover =
        new Takeover(
            shard.clientId(slot),
            Shard.family(table.isV6(slot)),
            shard.task,
            Addresses.observed(
                table.addrHi(slot), table.addrLo(slot), table.isV6(slot), table.port(slot)),
            Instant.ofEpochMilli(table.due(slot)),
            Instant.ofEpochMilli(onlineUntil),
            table.counter(slot));
    table.setState(slot, LiveTable.TAKING);
    table.setFlag(slot, SlotFlags.WRITING, true);
    boolean started =
        shard.call(
            () -> shard.directory.takeOver(takeover),
            (result, error) -> {
              if (table.generation(slot) != generation) {
                return;
              }
              table.setFlag(slot, SlotFlags.WRITING, false);
              if (error != null) {
                failed(slot, a, error, previousState);
              } else {
                decided(slot, a, result, onlineUntil);
              }
            });
    if (!started) {
      table.setFlag(slot, SlotFlags.WRITING, false);
      table.setState(slot, previousState);
      if (a != null) {
        shard.metrics.dropped(DropReason.OVERLOADED);
      }
    }
    return started;
  }

  private void decided(int slot, Arrival a, TakeoverResult result, long onlineUntil) {
    byte[] key = table.macKey(slot);
    shard.metrics.directoryWrite("takeover", result.getClass().getSimpleName().toLowerCase());
    if (result instanceof TakeoverResult.Taken taken) {
      long now = shard.clock.millis();
      table.setState(slot, LiveTable.OWNED);
      table.setEpoch(slot, taken.owner().epoch());
      table.setLease(slot, onlineUntil);
      long period = shard.timings.checkpointPeriodMillis();
      // The first checkpoint falls at a random point of the second half of the period.
      table.setDue(slot, now + period / 2 + (long) (shard.random.nextDouble() * (period / 2.0)));
      shard.writes.rearm(slot);
      if (a != null) {
        shard.replies.reply(a, ResponseCode.ACCEPTED, key);
      }
      taken.previous().ifPresent(previous -> revoke(slot, previous, taken.owner()));
      return;
    }
    if (a != null) {
      if (result instanceof TakeoverResult.Pending) {
        shard.replies.reply(a, ResponseCode.PENDING, key);
      } else if (result instanceof TakeoverResult.Unknown) {
        shard.replies.reply(a, ResponseCode.UNKNOWN, key);
      } else {
        shard.metrics.dropped(DropReason.REPLAYED);
      }
    }
    shard.forget(slot);
  }

  private void failed(int slot, Arrival a, Throwable error, int previousState) {
    shard.metrics.directoryWrite("takeover", "error");
    if (a != null) {
      shard.storageFailed(error);
    }
    long deadline = table.lease(slot) - shard.timings.deferMarginMillis();
    if (previousState == LiveTable.CLAIMED && deadline > shard.clock.millis()) {
      table.setState(slot, LiveTable.CLAIMED);
      enqueue(slot, deadline);
    } else {
      shard.forget(slot); // the client's next pulse starts over
    }
  }

  private void revoke(int slot, Owner previous, Owner now) {
    if (previous.task().equals(shard.task)) {
      return;
    }
    shard
        .taskRecords
        .cached(previous.task())
        .ifPresent(
            record ->
                previousOwners.revoke(
                    record, shard.clientId(slot), Shard.family(table.isV6(slot)), now.epoch()));
  }
}
