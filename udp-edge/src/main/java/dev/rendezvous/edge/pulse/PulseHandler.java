package dev.rendezvous.edge.pulse;

import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.registry.PulseOutcome;
import dev.rendezvous.core.registry.PulseRecorder;
import dev.rendezvous.edge.limit.BoundedLruMap;
import dev.rendezvous.edge.limit.KeyedRateLimiter;
import dev.rendezvous.edge.observe.DropReason;
import dev.rendezvous.edge.observe.EdgeMetrics;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import dev.rendezvous.protocol.identity.PulseMacKey;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
import dev.rendezvous.protocol.v2.PulseV2Reply;
import dev.rendezvous.protocol.v2.PulseV2ReplyCodec;
import dev.rendezvous.protocol.v2.PulseV2Request;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers pulses. It only calls core (codecs, response codes) and the {@link PulseRecorder} port,
 * always asynchronously, so the event loop never blocks. A reply is sent only for an outcome
 * storage decided; anything else (storage failure or timeout, overload, rate limit, replay, bad
 * MAC, unknown v2 client) is a counted drop with no reply, so a client never sees a wrong 1060.
 */
@Sharable
public final class PulseHandler extends SimpleChannelInboundHandler<InboundPulse> {
  private static final Logger LOG = LoggerFactory.getLogger(PulseHandler.class);
  private static final long WARN_EVERY_MILLIS = 10_000;

  private final PulseRecorder recorder;
  private final StorageGate gate;
  private final KeyedRateLimiter<ClientId> clientLimiter;
  private final BoundedLruMap<ClientId, PulseMacKey> keyCache;
  private final EdgeMetrics metrics;
  private final Clock clock;
  private final long maxSkewMillis;
  private final AtomicLong lastWarnMillis = new AtomicLong(Long.MIN_VALUE);

  public PulseHandler(
      PulseRecorder recorder,
      StorageGate gate,
      KeyedRateLimiter<ClientId> clientLimiter,
      BoundedLruMap<ClientId, PulseMacKey> keyCache,
      EdgeMetrics metrics,
      Clock clock,
      Duration maxSkew) {
    super(InboundPulse.class);
    this.recorder = recorder;
    this.gate = gate;
    this.clientLimiter = clientLimiter;
    this.keyCache = keyCache;
    this.metrics = metrics;
    this.clock = clock;
    this.maxSkewMillis = maxSkew.toMillis();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, InboundPulse pulse) {
    if (pulse instanceof InboundPulse.V1 v1) {
      onV1(ctx, v1);
    } else if (pulse instanceof InboundPulse.V2 v2) {
      onV2(ctx, v2);
    }
  }

  private void onV1(ChannelHandlerContext ctx, InboundPulse.V1 pulse) {
    PrivateKey key = pulse.request().key();
    if (!clientLimiter.tryAcquire(key.clientId())) {
      metrics.dropped(DropReason.RATE_LIMITED_CLIENT);
      return;
    }
    StorageGate.Slot slot = gate.tryEnter();
    if (slot == null) {
      metrics.dropped(DropReason.OVERLOADED);
      return;
    }
    ObservedAddress source = observedAddress(pulse.sender());
    CompletableFuture<?> unused =
        gate.call(slot, () -> recorder.pulse(key, source))
            .whenComplete(
                (outcome, error) -> {
                  try {
                    if (error != null) {
                      storageFailed(error);
                    } else {
                      answer(outcome, code -> PulseV1ReplyCodec.encode(code), ctx, pulse);
                    }
                  } finally {
                    slot.release();
                  }
                });
  }

  private void onV2(ChannelHandlerContext ctx, InboundPulse.V2 pulse) {
    PulseV2Request request = pulse.request();
    if (Math.abs(request.counter() - clock.millis()) > maxSkewMillis) {
      metrics.dropped(DropReason.STALE);
      return;
    }
    StorageGate.Slot slot = gate.tryEnter();
    if (slot == null) {
      metrics.dropped(DropReason.OVERLOADED);
      return;
    }
    ClientId clientId = request.clientId();
    CompletableFuture<?> unused =
        macKey(slot, clientId)
            .thenCompose(
                key -> key.isEmpty() ? unknownClient() : record(slot, key.get(), ctx, pulse))
            .whenComplete(
                (ignored, error) -> {
                  try {
                    if (error != null) {
                      storageFailed(error);
                    }
                  } finally {
                    slot.release();
                  }
                });
  }

  private CompletableFuture<Optional<PulseMacKey>> macKey(StorageGate.Slot slot, ClientId id) {
    PulseMacKey cached = keyCache.get(id);
    if (cached != null) {
      return CompletableFuture.completedFuture(Optional.of(cached));
    }
    return gate.call(slot, () -> recorder.find(id))
        .thenApply(
            found ->
                found.map(
                    snapshot -> {
                      keyCache.put(id, snapshot.pulseMacKey());
                      return snapshot.pulseMacKey();
                    }));
  }

  private static CompletableFuture<Void> unknownClient() {
    return CompletableFuture.failedFuture(new NoReply(DropReason.UNKNOWN_CLIENT));
  }

  private CompletableFuture<Void> record(
      StorageGate.Slot slot, PulseMacKey key, ChannelHandlerContext ctx, InboundPulse.V2 pulse) {
    PulseV2Request request = pulse.request();
    if (!request.isAuthenticBy(key)) {
      return CompletableFuture.failedFuture(new NoReply(DropReason.UNAUTHENTICATED));
    }
    ClientId clientId = request.clientId();
    if (!clientLimiter.tryAcquire(clientId)) {
      return CompletableFuture.failedFuture(new NoReply(DropReason.RATE_LIMITED_CLIENT));
    }
    ObservedAddress source = observedAddress(pulse.sender());
    return gate.call(slot, () -> recorder.authenticatedPulse(clientId, request.counter(), source))
        .thenAccept(
            outcome -> {
              if (outcome == PulseOutcome.UNKNOWN) {
                // Gone (logged out or expired): answer this once, then forget the key.
                keyCache.remove(clientId);
              }
              InetSocketAddress sender = pulse.sender();
              answer(
                  outcome,
                  code ->
                      PulseV2ReplyCodec.encode(
                          new PulseV2Reply(
                              code, request.counter(), sender.getAddress(), sender.getPort()),
                          key),
                  ctx,
                  pulse);
            });
  }

  private void answer(
      PulseOutcome outcome,
      java.util.function.Function<ResponseCode, byte[]> encoder,
      ChannelHandlerContext ctx,
      InboundPulse pulse) {
    Optional<ResponseCode> code = ReplyCodes.forOutcome(outcome);
    if (code.isEmpty()) {
      metrics.dropped(DropReason.REPLAYED);
      return;
    }
    byte[] reply = encoder.apply(code.get());
    if (reply.length > pulse.requestLength()) {
      metrics.dropped(DropReason.REPLY_TOO_LARGE);
      return;
    }
    ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(reply), pulse.sender()))
        .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    metrics.replied(code.get());
  }

  private void storageFailed(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof NoReply noReply) {
      metrics.dropped(noReply.reason);
      return;
    }
    DropReason reason = StorageGate.classify(error);
    metrics.dropped(reason);
    long now = System.currentTimeMillis();
    long last = lastWarnMillis.get();
    if (now - last >= WARN_EVERY_MILLIS && lastWarnMillis.compareAndSet(last, now)) {
      LOG.atWarn()
          .addKeyValue("event", "storage_failure")
          .addKeyValue("reason", reason.tag())
          .addKeyValue("error", cause.getClass().getSimpleName())
          .addKeyValue("in_flight", gate.inFlight())
          .log("storage call failed; pulses get no reply until it recovers");
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Keep serving: one bad datagram or a send error must not close the socket.
    metrics.dropped(DropReason.INTERNAL_ERROR);
    LOG.atWarn()
        .addKeyValue("event", "handler_error")
        .addKeyValue("error", cause.getClass().getSimpleName())
        .log("unexpected error while handling a pulse");
  }

  /** The datagram's source as recorded: textual IP without any IPv6 scope, and the port. */
  static ObservedAddress observedAddress(InetSocketAddress sender) {
    String host = sender.getAddress().getHostAddress();
    int scope = host.indexOf('%');
    return new ObservedAddress(scope >= 0 ? host.substring(0, scope) : host, sender.getPort());
  }

  /** A decided drop travelling down a future chain; cheap, no stack trace. */
  private static final class NoReply extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient DropReason reason;

    NoReply(DropReason reason) {
      super(reason.tag(), null, false, false);
      this.reason = reason;
    }
  }
}
