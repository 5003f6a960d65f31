package dev.rendezvous.client.session;

import dev.rendezvous.client.call.IncomingCall;
import dev.rendezvous.client.punch.PeerPath;
import dev.rendezvous.protocol.identity.ClientId;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sits between the session's events and the app's listener and reacts to the network first (on the
 * session's timer thread, never on the app's callback executor): the first public mapping reports
 * the LAN candidates; a new mapping (the NAT rebound, or the route now leaves through another NAT
 * or network) is a handover. Every event is then passed on to the app's listener.
 */
final class NetworkWatch implements SessionListener {
  /** What the session does when the network changes. */
  interface Reactions {
    /** The first mapping is known: report the LAN candidates. */
    void mappingLearned();

    /** The mapping moved: report again and re-punch every open link. */
    void mappingMoved(InetSocketAddress from, InetSocketAddress to);
  }

  private final SessionListener app;
  private final Executor timers;
  private final AtomicReference<InetSocketAddress> last = new AtomicReference<>();
  private volatile Reactions reactions;

  NetworkWatch(SessionListener app, Executor timers) {
    this.app = app;
    this.timers = timers;
  }

  void reactWith(Reactions r) {
    this.reactions = r;
  }

  @Override
  public void onMappingChanged(InetSocketAddress mapping) {
    InetSocketAddress old = last.getAndSet(mapping);
    Reactions r = reactions;
    if (r != null && !mapping.equals(old)) {
      run(
          () -> {
            if (old == null) {
              r.mappingLearned();
            } else {
              r.mappingMoved(old, mapping);
            }
          });
    }
    app.onMappingChanged(mapping);
  }

  private void run(Runnable task) {
    try {
      timers.execute(task);
    } catch (RejectedExecutionException closed) {
      // the session is closing
    }
  }

  @Override
  public void onPulseAccepted(PulseReply reply) {
    app.onPulseAccepted(reply);
  }

  @Override
  public void onVerified(boolean revived, String why) {
    app.onVerified(revived, why);
  }

  @Override
  public void onPulsesUnanswered(int count) {
    app.onPulsesUnanswered(count);
  }

  @Override
  public void onClientGone(String reason) {
    app.onClientGone(reason);
  }

  @Override
  public void onIncomingPunch(ClientId peer, InetSocketAddress from) {
    app.onIncomingPunch(peer, from);
  }

  @Override
  public void onLinkMoved(ClientId peer, PeerPath path) {
    app.onLinkMoved(peer, path);
  }

  @Override
  public void onIncomingCall(IncomingCall call) {
    app.onIncomingCall(call);
  }

  @Override
  public void onError(String what, Throwable cause) {
    app.onError(what, cause);
  }
}
