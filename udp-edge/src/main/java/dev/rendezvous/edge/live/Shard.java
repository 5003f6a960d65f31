package dev.rendezvous.edge.live;

import dev.rendezvous.core.call.PushChannel;
import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.LiveDirectory;
import dev.rendezvous.core.directory.OwnedState;
import dev.rendezvous.core.directory.Owner;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.edge.limit.KeyedRateLimiter;
import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.edge.observe.EdgeMetrics;
import dev.rendezvous.edge.pulse.InboundPulse;
import dev.rendezvous.edge.pulse.StorageGate;
import dev.rendezvous.protocol.call.CallId;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.v2.ChallengeNonce;
import dev.rendezvous.protocol.v2.PulseV2Request;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clients of one event loop: their live state, timers and directory writes. Every method runs
 * on {@link #loop()} (callers from elsewhere submit a task to it), so nothing here is locked or
 * shared with another thread; storage answers hop back onto the loop before they touch anything.
 * udp-edge/README.md ("The owner") describes the layout; docs/architecture.md the rules.
 */
public final class Shard {
  private static final Logger LOG = LoggerFactory.getLogger(Shard.class);
  public static final long TICK_MILLIS = 100;

  final EventLoop loop;
  final LiveTable table;
  final TimerWheel wheel;
  final NegativeCache negatives;
  final ChallengeNonces nonces;
  final KeyedRateLimiter<InetAddress> sources;
  final KeyedRateLimiter<ClientId> clients;
  final LiveDirectory directory;
  final TaskId task;
  final OwnerTimings timings;
  final LivenessRules rules;
  final EdgeMetrics metrics;
  final Clock clock;
  final SplittableRandom random = new SplittableRandom();
  final Replies replies;
  final TaskRecords taskRecords;
  final OwnerWrites writes;
  final Takeovers takeovers;
  private final StorageGate gate;
  private final OwnedPulses owned;
  private final NewClients newClients;
  private final Pushes pushes;
  private volatile int liveEntries;

  public Shard(EventLoop loop, ShardConfig config) {
    this.loop = loop;
    this.clock = config.clock();
    this.timings = config.timings();
    this.rules = config.rules();
    this.directory = config.directory();
    this.task = config.task();
    this.metrics = config.metrics();
    this.gate = config.gate();
    this.table = new LiveTable(1024, config.maxClientsPerShard());
    this.wheel = new TimerWheel(wheelBuckets(timings), TICK_MILLIS, clock.millis());
    wheel.ensureCapacity(table.capacity());
    this.negatives = new NegativeCache(config.negativeEntries(), 5 * 60_000L);
    this.nonces = config.nonces().get();
    this.sources =
        new KeyedRateLimiter<>(
            config.sourceRatePerSecond(), config.sourceBurst(), config.trackedKeys(), clock);
    this.clients =
        new KeyedRateLimiter<>(
            config.clientRatePerSecond(), config.clientBurst(), config.trackedKeys(), clock);
    this.replies = new Replies(metrics);
    this.taskRecords = new TaskRecords(this);
    this.writes = new OwnerWrites(this);
    this.takeovers = new Takeovers(this, config.takeoverRatePerSecond(), config.previousOwners());
    this.owned = new OwnedPulses(this);
    this.newClients = new NewClients(this);
    this.pushes = new Pushes(this, config.trackedKeys());
  }

  /** The shard (of {@code shards}) that owns a client: both its families land in the same one. */
  public static int indexOf(ClientId clientId, int shards) {
    return Arrival.shardOf(clientId, shards);
  }

  public EventLoop loop() {
    return loop;
  }

  /** The socket replies leave from (this loop's own, same port as every other). */
  public void attach(Channel socket) {
    replies.attach(socket);
  }

  /** (client, family) entries held now; readable from any thread (updated every tick). */
  public int liveEntries() {
    return liveEntries;
  }

  /** Takes up a decoded pulse; on this shard's loop. */
  public void onPulse(InboundPulse pulse) {
    try {
      if (pulse instanceof InboundPulse.PunchNowAckIn ack) {
        pushes.onAck(ack.ack());
        return;
      }
      Arrival a = Arrival.of(pulse, clock.millis());
      int slot = table.find(a.idHi(), a.idLo(), a.v6());
      if (slot >= 0) {
        owned.onPulse(slot, a);
      } else {
        newClients.onPulse(a);
      }
    } catch (RuntimeException e) {
      internalError(e);
    }
  }

  /** Fires due timers and drains deferred takeovers; the loop calls it every tick. */
  public void tick() {
    try {
      long now = clock.millis();
      wheel.advance(now, slot -> writes.onTimer(slot, now));
      takeovers.drain(now);
      liveEntries = table.size();
    } catch (RuntimeException e) {
      internalError(e);
    }
  }

  /** Routes an already-decided pulse for a slot back into the owned path (after a read). */
  void onPulse(int slot, Arrival a) {
    owned.onPulse(slot, a);
  }

  /** Continues a pulse for which no slot exists (a claim lapsed or was dropped). */
  void onNewClient(Arrival a) {
    newClients.onPulse(a);
  }

  // ---- the internal API's questions (on this loop) ----

  /** The families of the client this task owns, exactly. */
  public List<OwnedState> lookUp(ClientId clientId) {
    List<OwnedState> states = new ArrayList<>(2);
    for (AddressFamily family : AddressFamily.values()) {
      int slot = slotOf(clientId, family);
      if (slot >= 0 && isOwned(slot)) {
        states.add(
            new OwnedState(
                family,
                table.epoch(slot),
                Addresses.observed(
                    table.addrHi(slot), table.addrLo(slot), table.isV6(slot), table.port(slot)),
                Instant.ofEpochMilli(table.lastPulse(slot)),
                table.counter(slot)));
      }
    }
    return states;
  }

  /** The client verified at {@code at}: its next pulse here is answered 1020. */
  public void verified(ClientId clientId, Instant at) {
    for (AddressFamily family : AddressFamily.values()) {
      int slot = slotOf(clientId, family);
      if (slot >= 0 && isOwned(slot) && at.toEpochMilli() > table.lastPulse(slot)) {
        table.setLastPulse(slot, at.toEpochMilli());
        table.setState(slot, LiveTable.OWNED);
        writes.rearm(slot);
      }
    }
  }

  /** The client logged out: its next pulse here gets 1060 once. */
  public void loggedOut(ClientId clientId) {
    for (AddressFamily family : AddressFamily.values()) {
      int slot = slotOf(clientId, family);
      if (slot >= 0) {
        writes.gone(slot, clock.millis());
      }
    }
  }

  /** Another task took the family over with {@code newerEpoch}: drop it if ours is older. */
  public void revoke(ClientId clientId, AddressFamily family, long newerEpoch) {
    int slot = slotOf(clientId, family);
    if (slot >= 0 && isOwned(slot) && table.epoch(slot) < newerEpoch) {
      forget(slot);
    }
  }

  /** Pushes a PUNCH_NOW of {@code call} to the client and completes when it is acknowledged. */
  public CompletableFuture<PushChannel.Result> punchNow(
      ClientId clientId, CallId call, boolean first) {
    return pushes.punchNow(clientId, call, first);
  }

  // ---- shared helpers of the shard's parts ----

  /** True when the v2 pulse answers a challenge this task sent to exactly its source. */
  boolean proven(Arrival a) {
    PulseV2Request request = a.v2();
    return request.nonce().isPresent()
        && request.claimsIpv6() == a.v6()
        && nonces.verify(
            request.nonce(),
            a.idHi(),
            a.idLo(),
            a.v6(),
            a.srcHi(),
            a.srcLo(),
            a.srcPort(),
            a.nowMillis());
  }

  /** The nonce a challenge to this pulse carries. */
  ChallengeNonce nonceFor(Arrival a) {
    return nonces.mint(
        a.idHi(), a.idLo(), a.v6(), a.srcHi(), a.srcLo(), a.srcPort(), a.nowMillis());
  }

  boolean isOwned(int slot) {
    int state = table.state(slot);
    return state == LiveTable.OWNED || state == LiveTable.PENDING;
  }

  Owner owner(int slot) {
    return new Owner(task, table.epoch(slot));
  }

  ClientId clientId(int slot) {
    byte[] id = new byte[ClientId.LENGTH_BYTES];
    long hi = table.idHi(slot);
    long lo = table.idLo(slot);
    for (int i = 0; i < 8; i++) {
      id[i] = (byte) (hi >>> (56 - 8 * i));
      id[8 + i] = (byte) (lo >>> (56 - 8 * i));
    }
    return ClientId.fromBytes(id);
  }

  static AddressFamily family(boolean v6) {
    return v6 ? AddressFamily.IPV6 : AddressFamily.IPV4;
  }

  /** Frees the slot and its timer (queue entries are skipped by generation). */
  void forget(int slot) {
    wheel.cancel(slot);
    table.free(slot);
  }

  /**
   * Starts a storage call through the gate; {@code then} runs on this loop with its result. False
   * (nothing started) when the in-flight bound is reached.
   */
  <T> boolean call(Supplier<CompletionStage<T>> operation, BiConsumer<T, Throwable> then) {
    StorageGate.Slot held = gate.tryEnter();
    if (held == null) {
      return false;
    }
    var unused =
        gate.call(held, operation)
            .whenComplete(
                (value, error) -> {
                  try {
                    loop.execute(
                        () -> {
                          // This call's hold ends before what follows it starts: a read followed
                          // by a write must not need two places under the bound at once.
                          held.release();
                          try {
                            then.accept(value, error);
                          } catch (RuntimeException e) {
                            internalError(e);
                          }
                        });
                  } catch (RejectedExecutionException shuttingDown) {
                    held.release();
                  }
                });
    return true;
  }

  void storageFailed(Throwable error) {
    metrics.dropped(StorageGate.classify(error));
  }

  void internalError(RuntimeException e) {
    metrics.dropped(DropReason.INTERNAL_ERROR);
    LOG.atWarn()
        .addKeyValue("event", "shard_error")
        .addKeyValue("error", e.getClass().getSimpleName())
        .setCause(e)
        .log("unexpected error in a shard; it keeps serving");
  }

  int slotOf(ClientId clientId, AddressFamily family) {
    byte[] id = clientId.toBytes();
    return table.find(Arrival.longAt(id, 0), Arrival.longAt(id, 8), family == AddressFamily.IPV6);
  }

  private static int wheelBuckets(OwnerTimings timings) {
    long span = Math.max(timings.windowMillis(), timings.checkpointPeriodMillis()) / TICK_MILLIS;
    return Integer.highestOneBit((int) Math.min(1 << 14, Math.max(64, span)));
  }
}
