package dev.rendezvous.edge.live;

import dev.rendezvous.core.call.PushChannel;
import dev.rendezvous.core.call.PushChannel.Outcome;
import dev.rendezvous.core.call.PushChannel.Result;
import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.protocol.call.CallId;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PulseMacKey;
import dev.rendezvous.protocol.v2.PunchNowAckCodec.PunchNowAck;
import dev.rendezvous.protocol.v2.PunchNowCodec;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The shard's PUNCH_NOW pushes (docs/architecture.md, "Calls"): a push goes only to a client this
 * task owns and that is ONLINE in memory, to the address and port of its last accepted pulse (the
 * only place its NAT lets us in), authenticated with its pulse MAC key; then waits {@link
 * PushChannel#ACK_WAIT} for its PUNCH_NOW_ACK. A call's first push is rate-limited per (caller,
 * callee). Pending pushes are bounded; on the shard's loop only.
 */
final class Pushes {
  static final int MAX_PENDING = 4096;

  private final Shard shard;
  private final CallRateLimit limit;
  private final Map<Pending, CompletableFuture<Result>> pending = new HashMap<>();

  Pushes(Shard shard, int trackedPairs) {
    this.shard = shard;
    this.limit = new CallRateLimit(trackedPairs);
  }

  CompletableFuture<Result> punchNow(ClientId callee, CallId call, boolean first) {
    long now = shard.clock.millis();
    int slot = freshestOnline(callee, now);
    if (slot < 0) {
      return CompletableFuture.completedFuture(Result.of(Outcome.NOT_OWNED));
    }
    if (first) {
      int waitSeconds = limit.tryCall(call.caller(), callee, now);
      if (waitSeconds > 0) {
        return CompletableFuture.completedFuture(new Result(Outcome.RATE_LIMITED, waitSeconds));
      }
    }
    Pending key = new Pending(callee, call);
    CompletableFuture<Result> answer = pending.get(key);
    if (answer == null) {
      if (pending.size() >= MAX_PENDING) {
        return CompletableFuture.completedFuture(Result.of(Outcome.FAILED));
      }
      CompletableFuture<Result> fresh = new CompletableFuture<>();
      pending.put(key, fresh);
      var unused =
          shard.loop.schedule(
              () -> {
                if (pending.remove(key, fresh)) {
                  fresh.complete(Result.of(Outcome.NO_ACK));
                }
              },
              PushChannel.ACK_WAIT.toMillis(),
              TimeUnit.MILLISECONDS);
      answer = fresh;
    }
    LiveTable t = shard.table;
    InetSocketAddress to =
        new InetSocketAddress(
            Addresses.toInetAddress(t.addrHi(slot), t.addrLo(slot), t.isV6(slot)), t.port(slot));
    shard.replies.push(to, PunchNowCodec.encode(call, PulseMacKey.fromStoredBytes(t.macKey(slot))));
    return answer;
  }

  /** An acknowledgement from the client: counts only for a pending push and with a valid MAC. */
  void onAck(PunchNowAck ack) {
    Pending key = new Pending(ack.clientId(), ack.call());
    CompletableFuture<Result> answer = pending.get(key);
    if (answer == null) {
      return;
    }
    int slot = ownedSlot(ack.clientId());
    if (slot >= 0 && ack.authenticatedBy(PulseMacKey.fromStoredBytes(shard.table.macKey(slot)))) {
      pending.remove(key);
      answer.complete(Result.of(Outcome.ACKNOWLEDGED));
    }
  }

  /** The owned, ONLINE family of the client with the latest pulse, or -1. */
  private int freshestOnline(ClientId callee, long nowMillis) {
    int best = -1;
    for (AddressFamily family : AddressFamily.values()) {
      int slot = shard.slotOf(callee, family);
      if (slot >= 0
          && shard.table.state(slot) == LiveTable.OWNED
          && shard.table.lastPulse(slot) >= nowMillis - shard.timings.windowMillis()
          && (best < 0 || shard.table.lastPulse(slot) > shard.table.lastPulse(best))) {
        best = slot;
      }
    }
    return best;
  }

  private int ownedSlot(ClientId client) {
    for (AddressFamily family : AddressFamily.values()) {
      int slot = shard.slotOf(client, family);
      if (slot >= 0 && shard.isOwned(slot)) {
        return slot;
      }
    }
    return -1;
  }

  private record Pending(ClientId callee, CallId call) {}
}
