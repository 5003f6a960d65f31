package dev.rendezvous.client.call;

import dev.rendezvous.client.punch.PunchOptions;
import dev.rendezvous.protocol.call.CallId;
import dev.rendezvous.protocol.identity.ClientId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A peer is calling: the service pushed an authenticated PUNCH_NOW to this client. {@link #accept}
 * fetches the call over HTTPS (the caller's address and the pair key) and punches back at once;
 * {@link #refuse} does nothing more (the caller's punches go unanswered and it times out). Decide
 * soon: the caller punches for its timeout (10 s by default) and the call lapses after 60 s.
 */
public final class IncomingCall {
  private final CallId call;
  private final Calls calls;
  private final AtomicBoolean decided = new AtomicBoolean();

  IncomingCall(CallId call, Calls calls) {
    this.call = call;
    this.calls = calls;
  }

  /** Who calls (authenticated by the service: the push is MAC'd under this client's key). */
  public ClientId caller() {
    return call.caller();
  }

  public CallId callId() {
    return call;
  }

  /** Accepts with the default punch options. */
  public CompletableFuture<CallResult> accept() {
    return accept(PunchOptions.defaults());
  }

  /**
   * Fetches the call and punches to the caller; completes (on the client's callback executor) with
   * the link or the reason there is none. A second accept fails with SESSION_CLOSED.
   */
  public CompletableFuture<CallResult> accept(PunchOptions options) {
    if (!decided.compareAndSet(false, true)) {
      return calls.alreadyDecided(call.caller());
    }
    return calls.accept(call, options);
  }

  /** Refuses the call: nothing is sent to the caller or the service. */
  public void refuse() {
    decided.set(true);
  }

  @Override
  public String toString() {
    return "IncomingCall[from " + call.caller() + "]";
  }
}
