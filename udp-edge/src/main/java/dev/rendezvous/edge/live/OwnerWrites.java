package dev.rendezvous.edge.live;

import dev.rendezvous.core.directory.OwnerWrite;
import dev.rendezvous.core.directory.OwnerWriteResult;
import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.protocol.ResponseCode;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * An owner's writes (address move, checkpoint, PENDING) and the slot timers that start them. Every
 * write is conditional on this task's (task, epoch) in the directory: LOST drops the client, GONE
 * answers its next pulse 1060 once. At most one write per slot is in flight.
 */
final class OwnerWrites {
  private final Shard shard;
  private final LiveTable table;

  OwnerWrites(Shard shard) {
    this.shard = shard;
    this.table = shard.table;
  }

  /** Sets the slot's timer to the earliest thing it waits for in its state. */
  void rearm(int slot) {
    OwnerTimings t = shard.timings;
    long next =
        switch (table.state(slot)) {
          case LiveTable.CHALLENGED -> table.due(slot) + OwnerTimings.CHALLENGE_MILLIS;
          case LiveTable.CLAIMED, LiveTable.TAKING -> table.lastPulse(slot) + t.windowMillis();
          case LiveTable.OWNED ->
              Math.min(table.lastPulse(slot) + t.windowMillis(), table.due(slot));
          case LiveTable.PENDING -> table.lastPulse(slot) + t.lifetimeMillis();
          default -> table.due(slot); // GONE: when to forget it
        };
    shard.wheel.schedule(slot, next);
  }

  /** The slot's timer fired at {@code now}. */
  void onTimer(int slot, long now) {
    long window = shard.timings.windowMillis();
    switch (table.state(slot)) {
      case LiveTable.CHALLENGED, LiveTable.GONE -> shard.forget(slot);
      case LiveTable.CLAIMED, LiveTable.TAKING -> {
        if (now - table.lastPulse(slot) > window && table.state(slot) == LiveTable.CLAIMED) {
          shard.forget(slot); // fell silent before the deferred takeover: nothing to own
        } else {
          rearm(slot);
        }
      }
      case LiveTable.OWNED -> {
        if (table.hasFlag(slot, SlotFlags.WRITING)) {
          shard.wheel.schedule(slot, now + shard.timings.retryMillis());
        } else if (now >= table.lastPulse(slot) + window) {
          pending(slot);
        } else if (now >= table.due(slot)) {
          checkpoint(slot);
        } else {
          rearm(slot);
        }
      }
      case LiveTable.PENDING -> {
        if (now > table.lastPulse(slot) + shard.timings.lifetimeMillis()) {
          shard.forget(slot); // expired: the directory's E says so too; the sweep deletes it
        } else {
          rearm(slot);
        }
      }
      default -> shard.forget(slot);
    }
  }

  /** The client is gone (logged out or deleted): answer its next pulse 1060, then forget it. */
  void gone(int slot, long now) {
    table.setState(slot, LiveTable.GONE);
    table.setDue(slot, now + shard.timings.windowMillis());
    rearm(slot);
  }

  /** Renews the lease with the exact last pulse and counter. */
  void checkpoint(int slot) {
    long now = shard.clock.millis();
    long onlineUntil = now + shard.timings.leaseMillis();
    OwnerWrite write = ownerWrite(slot, table.lastPulse(slot), onlineUntil, table.counter(slot));
    start(
        slot,
        "checkpoint",
        () -> shard.directory.checkpoint(write),
        result -> {
          table.setLease(slot, onlineUntil);
          long due = table.due(slot);
          while (due <= shard.clock.millis()) {
            due += shard.timings.checkpointPeriodMillis();
          }
          table.setDue(slot, due);
          rearm(slot);
        },
        () -> {
          table.setDue(slot, shard.clock.millis() + shard.timings.retryMillis());
          rearm(slot);
        });
  }

  /** The ONLINE to PENDING transition, at the deadline of the last pulse. */
  void pending(int slot) {
    long lastPulse = table.lastPulse(slot);
    start(
        slot,
        "pending",
        () ->
            shard.directory.markPending(
                shard.clientId(slot),
                Shard.family(table.isV6(slot)),
                shard.owner(slot),
                Instant.ofEpochMilli(lastPulse)),
        result -> {
          if (table.lastPulse(slot) > lastPulse) {
            // Revived (verified) while the write was in flight: renew the lease at once.
            table.setDue(slot, shard.clock.millis());
          } else {
            table.setState(slot, LiveTable.PENDING);
            table.setLease(slot, lastPulse + shard.timings.windowMillis());
          }
          rearm(slot);
        },
        () -> shard.wheel.schedule(slot, shard.clock.millis() + shard.timings.retryMillis()));
  }

  /** A proven pulse from a new source: the address is written at once, then the pulse answered. */
  void move(int slot, Arrival a) {
    if (table.hasFlag(slot, SlotFlags.WRITING)) {
      shard.metrics.dropped(DropReason.BUSY);
      return;
    }
    if (!shard.clients.tryAcquire(a.clientId())) {
      shard.metrics.dropped(DropReason.RATE_LIMITED_CLIENT);
      return;
    }
    long now = a.nowMillis();
    long onlineUntil = now + shard.timings.leaseMillis();
    OwnerWrite write = ownerWrite(slot, now, onlineUntil, a.counter());
    byte[] key = table.macKey(slot);
    boolean started =
        start(
            slot,
            "move",
            () ->
                shard.directory.moveAddress(
                    write, Addresses.observed(a.sender().getAddress(), a.srcPort())),
            result -> {
              table.setAddress(slot, a.srcHi(), a.srcLo(), a.srcPort());
              table.setLastPulse(slot, Math.max(now, table.lastPulse(slot)));
              table.setLease(slot, onlineUntil);
              shard.replies.reply(a, ResponseCode.ACCEPTED, key);
            },
            () -> {});
    if (!started) {
      shard.metrics.dropped(DropReason.OVERLOADED);
    }
  }

  private OwnerWrite ownerWrite(int slot, long lastPulse, long onlineUntil, long counter) {
    return new OwnerWrite(
        shard.clientId(slot),
        Shard.family(table.isV6(slot)),
        shard.owner(slot),
        Instant.ofEpochMilli(lastPulse),
        Instant.ofEpochMilli(onlineUntil),
        counter);
  }

  /**
   * Starts one owner write; {@code written} runs on WRITTEN, {@code retry} when storage failed or
   * the in-flight bound was reached (the write did not happen or its result is unknown). LOST, GONE
   * and REPLAYED are handled here. False when nothing started.
   */
  private boolean start(
      int slot,
      String kind,
      Supplier<CompletionStage<OwnerWriteResult>> operation,
      java.util.function.Consumer<OwnerWriteResult> written,
      Runnable retry) {
    int generation = table.generation(slot);
    long epoch = table.epoch(slot);
    table.setFlag(slot, SlotFlags.WRITING, true);
    boolean started =
        shard.call(
            operation,
            (result, error) -> {
              if (table.generation(slot) != generation || table.epoch(slot) != epoch) {
                return; // forgotten or re-taken meanwhile: this answer is about an older owner
              }
              table.setFlag(slot, SlotFlags.WRITING, false);
              if (error != null) {
                shard.metrics.directoryWrite(kind, "error");
                shard.storageFailed(error);
                retry.run();
                return;
              }
              shard.metrics.directoryWrite(kind, result.name().toLowerCase(Locale.ROOT));
              switch (result) {
                case WRITTEN -> written.accept(result);
                case LOST -> shard.forget(slot);
                case GONE -> gone(slot, shard.clock.millis());
                case REPLAYED -> shard.metrics.dropped(DropReason.REPLAYED);
              }
            });
    if (!started) {
      table.setFlag(slot, SlotFlags.WRITING, false);
      retry.run();
    }
    return started;
  }
}
