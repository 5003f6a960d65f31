package dev.rendezvous.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What a simulated client does with the service's answers: checks each pulse reply against what was
 * allowed, answers the edge's challenge at once (as the SDK does), verifies after a 1050, logs out,
 * and recognises when the service rightly expired it.
 */
final class ClientAnswers {
  private final HttpApi api;
  private final Expectations expect;
  private final Tally tally;
  private final Failovers failovers;

  ClientAnswers(HttpApi api, Expectations expect, Tally tally, Failovers failovers) {
    this.api = api;
    this.expect = expect;
    this.tally = tally;
    this.failovers = failovers;
  }

  /** Logs the client out; once it is, {@code lastPulse} sends the pulse that must be refused. */
  void logout(SimulatedClient c, Runnable lastPulse) {
    CompletableFuture<Void> unused =
        api.logout(c.keyHex)
            .thenAccept(
                a -> {
                  if (a.status() == 401 && expiredMeanwhile(c)) {
                    return;
                  }
                  if (a.status() != 200) {
                    tally.wrong("logout", a.status() + " " + a.body());
                    return;
                  }
                  synchronized (c) {
                    c.loggedOut = true;
                  }
                  tally.count("logged out");
                  // The next pulse must get 1060 (v1), or 1060 or silence (v2: see
                  // Pending.silenceOk).
                  lastPulse.run();
                });
  }

  /** Checks one datagram a client received against its pulse awaiting an answer. */
  void onReply(SimulatedClient c, byte[] datagram, long now) {
    if (!c.v1 && PulseWire.isChallenge(datagram)) {
      answerChallenge(c, datagram, now);
      return;
    }
    PulseWire.Reply reply;
    try {
      reply = PulseWire.read(c, datagram);
    } catch (RuntimeException e) {
      tally.wrong("reply", "undecodable or unauthenticated reply: " + e.getMessage());
      return;
    }
    SimulatedClient.Pending p;
    synchronized (c) {
      p = c.pending;
      if (p == null || (!c.v1 && reply.counter() != p.counter())) {
        tally.count("late or duplicate replies");
        return;
      }
      c.pending = null;
      if (c.ownerDown && c.movedAtMillis >= 0) {
        failovers.firstAnswerAfterMove(reply.code());
        if (reply.code() == Expectations.ACCEPTED) {
          failovers.recovered(c.unansweredSinceKill, now, c.movedAtMillis);
        }
        c.ownerDown = false; // another task owns it now (or it must verify, as any client)
      }
    }
    tally.count("reply " + reply.code());
    SimulatedClient.View view = c.view();
    // The edge decides when it handles the pulse, at any instant until the reply: a datagram can
    // wait in socket buffers of a busy edge, so what is allowed at the reply's time is right too.
    Set<Integer> allowed = new HashSet<>(p.allowed());
    if (!p.forced()) {
      allowed.addAll(expect.forPulse(view, now));
    }
    if (!allowed.contains(reply.code())) {
      tally.wrong(
          "pulse code",
          "client "
              + c.index
              + " got "
              + reply.code()
              + ", allowed "
              + allowed
              + (c.v1 ? " (v1)" : " (v2)")
              + "; sent "
              + (p.sentAtMillis() - view.aliveUpper())
              + " ms after the last known sign of life (window "
              + view.aliveLower()
              + ".."
              + view.aliveUpper()
              + "), replied after "
              + (now - p.sentAtMillis())
              + " ms, "
              + (view.pulseLower() < 0 ? "first pulse" : "not the first pulse"));
    }
    if (reply.observed() != null && reply.observed().getPort() != c.localPort) {
      tally.wrong(
          "observed mapping", reply.observed() + " but the socket is on port " + c.localPort);
    }
    if (reply.code() == Expectations.ACCEPTED) {
      c.markAlive(p.sentAtMillis(), now, true);
    } else if (reply.code() == Expectations.PENDING) {
      verify(c);
    } else if (reply.code() == Expectations.UNKNOWN
        && allowed.contains(Expectations.UNKNOWN)
        && !view.leaving()) {
      // Allowed only when the client's pulses went unanswered for so long that it may have
      // expired: the service says it did, so it is gone (a real app would register again).
      synchronized (c) {
        c.expired = true;
      }
      tally.count("expired after unanswered pulses");
    }
  }

  private void verify(SimulatedClient c) {
    synchronized (c) {
      c.verifying = true;
    }
    long sent = System.currentTimeMillis();
    CompletableFuture<HttpApi.Answer> unused =
        api.verify(c.keyHex)
            .orTimeout(20, TimeUnit.SECONDS)
            .whenComplete(
                (a, e) -> {
                  if (e != null) {
                    tally.wrong("verify", e.toString());
                  } else if (a.status() == 503) {
                    // The documented answer while storage is overloaded; the client's next
                    // pulse gets 1050 again and it verifies again.
                    tally.count("503 storage unavailable (documented)");
                  } else if (a.status() != 200) {
                    if (a.status() != 401 || !expiredMeanwhile(c)) {
                      tally.wrong("verify", a.status() + " " + a.body());
                    }
                  } else {
                    tally.count("verified " + a.field("ok").orElse("?"));
                    c.markAlive(sent, System.currentTimeMillis(), false);
                  }
                  synchronized (c) {
                    c.verifying = false;
                  }
                });
  }

  /**
   * A 401 is right for a client whose pulses went unanswered (and unrecorded) past its lifetime:
   * the client is then gone.
   */
  private boolean expiredMeanwhile(SimulatedClient c) {
    if (!expect.mayHaveExpired(c.view(), System.currentTimeMillis())) {
      return false;
    }
    synchronized (c) {
      c.expired = true;
    }
    tally.count("expired after unanswered pulses");
    return true;
  }

  /**
   * The edge wants fresh proof before it takes the client over or moves its address: answer at once
   * with the next counter and the nonce, as the SDK does; the pending pulse's expectations carry
   * over to the answer.
   */
  private void answerChallenge(SimulatedClient c, byte[] datagram, long now) {
    byte[] answer;
    synchronized (c) {
      SimulatedClient.Pending p = c.pending;
      PulseWire.Challenge challenge;
      try {
        challenge = PulseWire.challenge(c, datagram);
      } catch (RuntimeException e) {
        tally.wrong("challenge", "undecodable or unauthenticated challenge: " + e.getMessage());
        return;
      }
      if (p == null || challenge.counter() != p.counter()) {
        tally.count("late or duplicate challenges");
        return;
      }
      long counter = c.nextCounter(now);
      c.pending =
          new SimulatedClient.Pending(
              counter, p.sentAtMillis(), p.allowed(), p.forced(), p.silenceOk());
      answer = PulseWire.answer(c, counter, challenge);
    }
    tally.count("challenges answered");
    try {
      c.channel.write(ByteBuffer.wrap(answer));
    } catch (IOException e) {
      tally.count("send failed");
    }
  }
}
