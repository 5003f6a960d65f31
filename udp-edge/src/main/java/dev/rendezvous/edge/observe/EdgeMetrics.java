package dev.rendezvous.edge.observe;

import dev.rendezvous.protocol.ResponseCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The edge's meters. Micrometer names (Prometheus on {@code GET /metrics}):
 *
 * <pre>
 * rendezvous.edge.pulses{outcome=accepted|pending|unknown}  replies sent, by code
 * rendezvous.edge.drops{reason=...}                         datagrams with no reply ({@link DropReason})
 * rendezvous.edge.storage.errors{reason=...}                storage calls that failed or timed out
 * rendezvous.edge.storage.latency                           storage call time (timer)
 * rendezvous.edge.inflight                                  pulses waiting on storage (gauge)
 * rendezvous.edge.malformed{why=...}                        malformed datagrams, by the decoder's reason
 * rendezvous.edge.challenges                                CHALLENGE messages sent (fresh proof)
 * rendezvous.edge.directory.writes{kind=...,result=...}     takeover/move/checkpoint/pending writes
 * rendezvous.edge.live.clients                              (client, family) entries held (gauge)
 * </pre>
 *
 * {@link CloudWatchPublisher} maps them to the CloudWatch names the alarms use (namespace {@code
 * Rendezvous}, dimension {@code Service=udp-edge}): EdgePulsesAccepted, EdgePulsesPending,
 * EdgePulsesUnknown, EdgeDrops, EdgeStorageErrors, EdgeStorageLatency (ms), EdgeInFlight.
 */
public final class EdgeMetrics {
  public static final String PULSES = "rendezvous.edge.pulses";
  public static final String DROPS = "rendezvous.edge.drops";
  public static final String STORAGE_ERRORS = "rendezvous.edge.storage.errors";
  public static final String STORAGE_LATENCY = "rendezvous.edge.storage.latency";
  public static final String IN_FLIGHT = "rendezvous.edge.inflight";
  public static final String MALFORMED = "rendezvous.edge.malformed";
  public static final String CHALLENGES = "rendezvous.edge.challenges";
  public static final String DIRECTORY_WRITES = "rendezvous.edge.directory.writes";
  public static final String LIVE_CLIENTS = "rendezvous.edge.live.clients";

  private final Map<ResponseCode, Counter> pulses = new EnumMap<>(ResponseCode.class);
  private final Map<DropReason, Counter> drops = new EnumMap<>(DropReason.class);
  private final Map<DropReason, Counter> storageErrors = new EnumMap<>(DropReason.class);
  private final Timer storageLatency;
  private final Counter challenges;
  private final LatencyWindow latencyWindow = new LatencyWindow();
  private final MeterRegistry registry;

  public EdgeMetrics(MeterRegistry registry, IntSupplier inFlight) {
    this.registry = registry;
    for (ResponseCode code : ResponseCode.values()) {
      pulses.put(
          code,
          Counter.builder(PULSES)
              .description("pulses answered, by response code")
              .tag("outcome", code.name().toLowerCase(java.util.Locale.ROOT))
              .register(registry));
    }
    for (DropReason reason : DropReason.values()) {
      drops.put(
          reason,
          Counter.builder(DROPS)
              .description("datagrams that got no reply, by reason")
              .tag("reason", reason.tag())
              .register(registry));
      if (reason.isStorageFailure()) {
        storageErrors.put(
            reason,
            Counter.builder(STORAGE_ERRORS)
                .description("storage calls that failed or timed out")
                .tag("reason", reason.tag())
                .register(registry));
      }
    }
    challenges =
        Counter.builder(CHALLENGES).description("challenges sent (fresh proof)").register(registry);
    storageLatency =
        Timer.builder(STORAGE_LATENCY).description("time of one storage call").register(registry);
    Gauge.builder(IN_FLIGHT, inFlight::getAsInt)
        .description("pulses waiting on storage")
        .register(registry);
  }

  public void replied(ResponseCode code) {
    pulses.get(code).increment();
  }

  public void dropped(DropReason reason) {
    drops.get(reason).increment();
    Counter storage = storageErrors.get(reason);
    if (storage != null) {
      storage.increment();
    }
  }

  /** A malformed datagram, with the decoder's fixed reason (a bounded set of strings). */
  public void malformed(String why) {
    dropped(DropReason.MALFORMED);
    registry.counter(MALFORMED, "why", why).increment();
  }

  public void challenged() {
    challenges.increment();
  }

  /** One directory write of the owner and its result (both from fixed sets). */
  public void directoryWrite(String kind, String result) {
    registry.counter(DIRECTORY_WRITES, "kind", kind, "result", result).increment();
  }

  /** Malformed datagrams with this decoder reason since start. */
  public long malformedCount(String why) {
    Counter c = registry.find(MALFORMED).tag("why", why).counter();
    return c == null ? 0 : (long) c.count();
  }

  /** Directory writes of this kind and result since start. */
  public long directoryWrites(String kind, String result) {
    Counter c = registry.find(DIRECTORY_WRITES).tag("kind", kind).tag("result", result).counter();
    return c == null ? 0 : (long) c.count();
  }

  public long challenges() {
    return (long) challenges.count();
  }

  /** The live (client, family) entries now (0 before the gauge is registered). */
  public long liveClientsNow() {
    Gauge g = registry.find(LIVE_CLIENTS).gauge();
    return g == null ? 0 : (long) g.value();
  }

  /** Registers the gauge of live (client, family) entries. */
  public void liveClients(IntSupplier count) {
    Gauge.builder(LIVE_CLIENTS, count::getAsInt)
        .description("(client, family) entries held in memory")
        .register(registry);
  }

  public void storageCall(long nanos) {
    storageLatency.record(nanos, TimeUnit.NANOSECONDS);
    latencyWindow.record(nanos / 1000);
  }

  /** Total replies with this code since start. */
  public long replies(ResponseCode code) {
    return (long) pulses.get(code).count();
  }

  /** Total drops for this reason since start. */
  public long drops(DropReason reason) {
    return (long) drops.get(reason).count();
  }

  /** Total drops for every reason since start. */
  public long allDrops() {
    long total = 0;
    for (Counter c : drops.values()) {
      total += (long) c.count();
    }
    return total;
  }

  /** Total storage failures since start. */
  public long allStorageErrors() {
    long total = 0;
    for (Counter c : storageErrors.values()) {
      total += (long) c.count();
    }
    return total;
  }

  public LatencyWindow latencyWindow() {
    return latencyWindow;
  }

  public MeterRegistry registry() {
    return registry;
  }
}
