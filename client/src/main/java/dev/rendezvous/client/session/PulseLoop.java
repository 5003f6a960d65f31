package dev.rendezvous.client.session;

import dev.rendezvous.client.ServerClock;
import dev.rendezvous.client.http.ApiException;
import dev.rendezvous.client.http.RendezvousHttpApi;
import dev.rendezvous.client.internal.DatagramSender;
import dev.rendezvous.protocol.MalformedPulseException;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.PulseMacKey;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
import dev.rendezvous.protocol.v1.PulseV1Request;
import dev.rendezvous.protocol.v1.PulseV1RequestCodec;
import dev.rendezvous.protocol.v2.ChallengeNonce;
import dev.rendezvous.protocol.v2.PulseV2Challenge;
import dev.rendezvous.protocol.v2.PulseV2ChallengeCodec;
import dev.rendezvous.protocol.v2.PulseV2Reply;
import dev.rendezvous.protocol.v2.PulseV2ReplyCodec;
import dev.rendezvous.protocol.v2.PulseV2RequestCodec;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends pulses on the session's socket, matches replies to them, and reacts: 1050 calls /verify and
 * pulses again, 1060 ends the session, several unanswered pulses ask /verify over HTTP (a v2 pulse
 * from a client the edge cannot find gets no reply at all; only HTTPS may say "gone"). A v2
 * CHALLENGE (the edge wants fresh proof of this address) is answered at once with a new pulse.
 */
final class PulseLoop {
  private final SessionConfig config;
  private final ClientCredentials identity;
  private final PulseMacKey macKey;
  private final RendezvousHttpApi api;
  private final ServerClock clock;
  private final ScheduledExecutorService scheduler;
  private final EventDispatcher events;
  private final DatagramSender sender;

  private final Map<Long, OutstandingPulse> outstanding = new ConcurrentSkipListMap<>();
  private final Map<InetSocketAddress, Boolean> observedIpv6 = new ConcurrentHashMap<>();
  private final AtomicLong v1Sequence = new AtomicLong();
  private final AtomicInteger unanswered = new AtomicInteger();
  private final AtomicBoolean verifying = new AtomicBoolean();
  private final AtomicReference<SessionState> state = new AtomicReference<>(SessionState.STARTING);
  private final AtomicReference<InetSocketAddress> mapping = new AtomicReference<>();
  private final CompletableFuture<PulseReply> firstAccepted = new CompletableFuture<>();
  private volatile ScheduledFuture<?> next;

  PulseLoop(
      SessionConfig config,
      ClientCredentials identity,
      RendezvousHttpApi api,
      ServerClock clock,
      ScheduledExecutorService scheduler,
      EventDispatcher events,
      DatagramSender sender) {
    this.config = config;
    this.identity = identity;
    this.macKey = identity.privateKey().pulseMacKey();
    this.api = api;
    this.clock = clock;
    this.scheduler = scheduler;
    this.events = events;
    this.sender = sender;
  }

  void start() {
    scheduler.execute(this::pulseInBackground);
    schedule(config.earlySecondPulse());
  }

  SessionState state() {
    return state.get();
  }

  Optional<InetSocketAddress> mapping() {
    return Optional.ofNullable(mapping.get());
  }

  CompletableFuture<PulseReply> firstAccepted() {
    return firstAccepted;
  }

  /** Pulses the main edge now, outside the schedule. */
  CompletableFuture<PulseReply> pulseNow() {
    return pulseTo(config.edge());
  }

  /** Pulses every edge now (the main one and the other family's), as after a network change. */
  void pulseEveryEdgeNow() {
    pulseInBackground();
  }

  /**
   * Pulses the probe edge, then the main edge (so that the service records the main mapping last),
   * and compares the two mappings.
   */
  CompletableFuture<NatMapping> probeNat() {
    if (!config.probeEdge().isPresent() || config.protocol() == SessionConfig.Protocol.V1) {
      return CompletableFuture.completedFuture(NatMapping.of(mapping(), Optional.empty()));
    }
    InetSocketAddress probe = config.probeEdge().get();
    return withRetries(probe, 3)
        .handle((r, e) -> e == null ? r.mapping() : Optional.<InetSocketAddress>empty())
        .thenCompose(
            probeMapping ->
                withRetries(config.edge(), 3)
                    .handle(
                        (r, e) ->
                            NatMapping.of(e == null ? r.mapping() : mapping(), probeMapping)));
  }

  private CompletableFuture<PulseReply> withRetries(InetSocketAddress target, int tries) {
    CompletableFuture<PulseReply> result = new CompletableFuture<>();
    retry(target, tries, result);
    return result;
  }

  private void retry(InetSocketAddress target, int tries, CompletableFuture<PulseReply> result) {
    var unused =
        pulseTo(target)
            .whenComplete(
                (reply, failure) -> {
                  if (failure == null) {
                    result.complete(reply);
                  } else if (tries <= 1) {
                    result.completeExceptionally(failure);
                  } else {
                    retry(target, tries - 1, result);
                  }
                });
  }

  /**
   * A scheduled pulse (to the main edge, and to the edge over the other address family if there is
   * one): its reply is handled in {@link #onReply}, nobody waits for the future.
   */
  private void pulseInBackground() {
    var unused = pulseTo(config.edge());
    if (config.secondEdge().isPresent()) {
      var alsoUnused = pulseTo(config.secondEdge().get());
    }
  }

  void stop(SessionState finalState) {
    state.set(finalState);
    ScheduledFuture<?> n = next;
    if (n != null) {
      n.cancel(false);
    }
    for (Iterator<OutstandingPulse> it = outstanding.values().iterator(); it.hasNext(); ) {
      it.next().reply().completeExceptionally(new ClientGoneException("session " + finalState));
      it.remove();
    }
    firstAccepted.completeExceptionally(new ClientGoneException("session " + finalState));
  }

  private boolean stopped() {
    SessionState s = state.get();
    return s == SessionState.GONE || s == SessionState.CLOSED;
  }

  private void schedule(Duration delay) {
    if (stopped()) {
      return;
    }
    next =
        scheduler.schedule(
            () -> {
              pulseInBackground();
              schedule(nextInterval());
            },
            delay.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  private Duration nextInterval() {
    long jitter = config.jitter().toMillis();
    long offset = jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1);
    return config.interval().plusMillis(offset);
  }

  private CompletableFuture<PulseReply> pulseTo(InetSocketAddress target) {
    CompletableFuture<PulseReply> reply = new CompletableFuture<>();
    if (stopped()) {
      reply.completeExceptionally(new ClientGoneException("session " + state.get()));
      return reply;
    }
    long key;
    byte[] datagram;
    if (config.protocol() == SessionConfig.Protocol.V2) {
      key = clock.nextCounter();
      datagram = v2Pulse(target, key, ChallengeNonce.none());
    } else {
      key = v1Sequence.incrementAndGet();
      datagram = PulseV1RequestCodec.encode(identity.privateKey(), PulseV1Request.Form.RAW);
    }
    outstanding.put(key, new OutstandingPulse(target, clock.localMillis(), reply));
    try {
      sender.send(target, datagram);
    } catch (IOException e) {
      events.fire(l -> l.onError("sending a pulse to " + target, e));
    }
    var unused =
        scheduler.schedule(
            () -> expire(key), config.replyTimeout().toMillis(), TimeUnit.MILLISECONDS);
    return reply;
  }

  /**
   * A v2 pulse to {@code target}, binding the family the edge last reported for that path (before
   * any reply, the family of the target address itself).
   */
  private byte[] v2Pulse(InetSocketAddress target, long counter, ChallengeNonce nonce) {
    boolean ipv6 = observedIpv6.getOrDefault(target, target.getAddress() instanceof Inet6Address);
    return PulseV2RequestCodec.encode(identity.clientId(), counter, macKey, ipv6, nonce);
  }

  /**
   * The edge asks for fresh proof before it takes this client over or moves its address: answer at
   * once with a new pulse that carries the nonce; the caller's future now waits for that pulse.
   */
  private void answerChallenge(InetSocketAddress source, PulseV2Challenge challenge) {
    OutstandingPulse o = outstanding.get(challenge.counter());
    if (o == null || !o.target().equals(source) || !outstanding.remove(challenge.counter(), o)) {
      return; // late, replayed, or from the wrong port
    }
    observedIpv6.put(source, challenge.observedIpv6());
    long counter = clock.nextCounter();
    outstanding.put(counter, o);
    try {
      sender.send(source, v2Pulse(source, counter, challenge.nonce()));
    } catch (IOException e) {
      events.fire(l -> l.onError("answering a challenge from " + source, e));
    }
    var unused =
        scheduler.schedule(
            () -> expire(counter), config.replyTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void expire(long key) {
    OutstandingPulse o = outstanding.remove(key);
    if (o == null) {
      return;
    }
    o.reply().completeExceptionally(new TimeoutException("no reply from " + o.target()));
    if (!o.target().equals(config.edge()) || stopped()) {
      return;
    }
    int misses = unanswered.incrementAndGet();
    events.fire(l -> l.onPulsesUnanswered(misses));
    if (misses >= config.unansweredBeforeVerify()) {
      unanswered.set(0);
      verify(misses + " pulses in a row got no reply", false);
    }
  }

  /** Called by the socket thread for every datagram from the main or probe edge. */
  void onReply(InetSocketAddress source, byte[] datagram) {
    if (config.protocol() == SessionConfig.Protocol.V2) {
      if (PulseV2ChallengeCodec.looksLikeChallenge(datagram)) {
        try {
          answerChallenge(source, PulseV2ChallengeCodec.decode(datagram, macKey));
        } catch (MalformedPulseException e) {
          return; // forged or damaged: ignore
        }
        return;
      }
      PulseV2Reply reply;
      try {
        reply = PulseV2ReplyCodec.decode(datagram, macKey);
      } catch (MalformedPulseException e) {
        return; // not ours, forged, or damaged: ignore
      }
      OutstandingPulse o = outstanding.get(reply.counter());
      if (o == null || !o.target().equals(source) || !outstanding.remove(reply.counter(), o)) {
        return; // late, replayed, or from the wrong port
      }
      if (reply.code() == ResponseCode.ACCEPTED) {
        clock.accepted(reply.counter());
      }
      observedIpv6.put(source, reply.observedAddress() instanceof Inet6Address);
      handle(
          o,
          reply.code(),
          Optional.of(new InetSocketAddress(reply.observedAddress(), reply.observedPort())));
    } else {
      ResponseCode code;
      try {
        code = PulseV1ReplyCodec.decode(datagram);
      } catch (MalformedPulseException e) {
        return;
      }
      // v1 replies carry no counter: the oldest outstanding pulse to that address gets it.
      Iterator<Map.Entry<Long, OutstandingPulse>> it = outstanding.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<Long, OutstandingPulse> e = it.next();
        if (e.getValue().target().equals(source) && outstanding.remove(e.getKey(), e.getValue())) {
          handle(e.getValue(), code, Optional.empty());
          return;
        }
      }
    }
  }

  private void handle(OutstandingPulse o, ResponseCode code, Optional<InetSocketAddress> seen) {
    boolean viaProbe = !o.target().equals(config.edge());
    PulseReply reply =
        new PulseReply(
            code, seen, Duration.ofMillis(clock.localMillis() - o.sentAtMillis()), viaProbe);
    if (!viaProbe) {
      unanswered.set(0);
    }
    switch (code) {
      case ACCEPTED -> {
        if (!viaProbe) {
          state.compareAndSet(SessionState.STARTING, SessionState.ONLINE);
          state.compareAndSet(SessionState.PENDING, SessionState.ONLINE);
          seen.ifPresent(
              m -> {
                InetSocketAddress old = mapping.getAndSet(m);
                if (!m.equals(old)) {
                  events.fire(l -> l.onMappingChanged(m));
                }
              });
        }
        events.fire(l -> l.onPulseAccepted(reply));
        if (!viaProbe) {
          firstAccepted.complete(reply); // after the event: the app hears of it in that order
        }
      }
      case PENDING -> {
        state.compareAndSet(SessionState.ONLINE, SessionState.PENDING);
        state.compareAndSet(SessionState.STARTING, SessionState.PENDING);
        verify("the edge answered 1050 (pending)", true);
      }
      case UNKNOWN -> gone("the edge answered 1060: this client is logged out or expired");
    }
    o.reply().complete(reply);
  }

  private void verify(String why, boolean pulseAfter) {
    if (stopped() || !verifying.compareAndSet(false, true)) {
      return;
    }
    var unused =
        api.verify(identity)
            .whenComplete(
                (result, failure) -> {
                  verifying.set(false);
                  if (failure == null) {
                    events.fire(l -> l.onVerified(result.revived(), why));
                    if (pulseAfter || result.revived()) {
                      pulseInBackground();
                    }
                    return;
                  }
                  RuntimeException cause = RendezvousHttpApi.unwrap(failure);
                  if (cause instanceof ApiException api401 && api401.isUnauthorized()) {
                    gone("POST /verify answered 401 (" + why + "): " + api401.getMessage());
                  } else {
                    events.fire(l -> l.onError("POST /verify after " + why, cause));
                  }
                });
  }

  private void gone(String reason) {
    if (stopped()) {
      return;
    }
    stop(SessionState.GONE);
    events.fire(l -> l.onClientGone(reason));
  }
}
