package dev.rendezvous.cli;

import dev.rendezvous.client.call.CallFailure;
import dev.rendezvous.client.call.CallResult;
import dev.rendezvous.client.call.IncomingCall;
import dev.rendezvous.client.call.SecureLink;
import dev.rendezvous.client.punch.PunchOptions;
import dev.rendezvous.client.session.RendezvousSession;
import dev.rendezvous.protocol.identity.ClientId;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code connect}'s call: ring the peer through the service (it must be pulsing: running {@code
 * listen}, or {@code connect} for this client) and punch with the call's keys. While the peer is
 * not ONLINE the call is retried every 2 s until {@code --wait} runs out. When both sides run
 * {@code connect} for each other, both ring; each accepts the other's call only if the caller's
 * client_id sorts before its own, so both end on the same call.
 */
final class PeerCall {
  private static final Duration RETRY = Duration.ofSeconds(2);

  private final ClientId me;
  private final ClientId target;
  private final PrintWriter err;
  private final CompletableFuture<CallResult> accepted = new CompletableFuture<>();

  PeerCall(ClientId me, ClientId target, PrintWriter err) {
    this.me = me;
    this.target = target;
    this.err = err;
  }

  /** Says on {@code err} that the call is being answered, and answers it. */
  static CompletableFuture<CallResult> answer(
      IncomingCall call, PunchOptions options, PrintWriter err) {
    PulseCommand.print(err, "call from " + call.caller() + "; answering");
    return call.accept(options);
  }

  /** The listener's part: a call from the target is answered when its id sorts first. */
  void onIncomingCall(IncomingCall call, PunchOptions options) {
    boolean theirsWins = call.caller().hex().compareTo(me.hex()) < 0;
    if (!call.caller().equals(target) || !theirsWins || accepted.isDone()) {
      call.refuse();
      return;
    }
    var unused =
        answer(call, options, err)
            .thenAccept(
                r -> {
                  if (r instanceof CallResult.Connected) {
                    accepted.complete(r);
                  }
                });
  }

  /** Rings until a link opens (ours or the peer's call), the wait ends, or the call fails. */
  CallResult connect(RendezvousSession session, PunchOptions options, Duration wait, Duration bound)
      throws InterruptedException {
    long waitUntil = System.nanoTime() + wait.toNanos();
    while (true) {
      CompletableFuture<CallResult> ours = session.call(target, options);
      CallResult first = firstOf(ours, bound);
      if (first instanceof CallResult.Connected) {
        return first;
      }
      CallResult.Failed failed = (CallResult.Failed) first;
      boolean offline = failed.reason() == CallFailure.PEER_UNREACHABLE;
      if (offline && System.nanoTime() + RETRY.toNanos() < waitUntil) {
        PulseCommand.print(err, "... " + failed.detail() + "; ringing again in 2 s");
        CallResult meanwhile = await(accepted, RETRY);
        if (meanwhile != null) {
          return meanwhile;
        }
        continue;
      }
      CallResult late = await(accepted, Duration.ofSeconds(1));
      return late != null ? late : failed;
    }
  }

  private CallResult firstOf(CompletableFuture<CallResult> ours, Duration bound)
      throws InterruptedException {
    CompletableFuture<Object> any = CompletableFuture.anyOf(ours, accepted);
    try {
      any.get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return new CallResult.Failed(target, CallFailure.NO_REPLY, "no outcome: " + e, bound);
    }
    CallResult theirs = accepted.getNow(null);
    if (theirs != null) {
      return theirs;
    }
    CallResult mine = ours.join();
    if (mine instanceof CallResult.Failed && !accepted.isDone()) {
      CallResult meanwhile = await(accepted, Duration.ZERO);
      return meanwhile != null ? meanwhile : mine;
    }
    return mine;
  }

  private static CallResult await(CompletableFuture<CallResult> f, Duration d)
      throws InterruptedException {
    try {
      return f.get(Math.max(1, d.toMillis()), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return null;
    }
  }

  static void printConnected(PrintWriter err, CallResult.Connected c) {
    SecureLink link = c.link();
    PulseCommand.print(
        err,
        "connected in "
            + c.elapsed().toMillis()
            + " ms to "
            + c.peer()
            + " at "
            + PulseCommand.text(link.remote())
            + " (encrypted); type lines to send, Ctrl-D to quit");
  }

  static int exitCode(CallFailure reason) {
    return switch (reason) {
      case PEER_UNKNOWN, PEER_UNREACHABLE, REFUSED -> ExitCodes.PEER_NOT_FOUND;
      case RATE_LIMITED, HTTP_FAILED, SESSION_CLOSED -> ExitCodes.SERVICE_ERROR;
      case NO_REPLY, MAPPING_ADDRESS_DEPENDENT -> ExitCodes.PUNCH_FAILED;
    };
  }
}
