package dev.rendezvous.client.session;

import dev.rendezvous.client.call.IncomingCall;
import dev.rendezvous.client.punch.PeerPath;
import dev.rendezvous.protocol.identity.ClientId;
import java.net.InetSocketAddress;

/**
 * What a {@link RendezvousSession} tells the app. Every method has an empty default. Callbacks run
 * one at a time, in order, on the client's callback executor (never on the SDK's socket or timer
 * threads); a slow callback delays only the callbacks after it.
 */
public interface SessionListener {

  /** The edge accepted a pulse (1020). */
  default void onPulseAccepted(PulseReply reply) {}

  /** The public address and port the edge sees changed (or was learned for the first time). */
  default void onMappingChanged(InetSocketAddress mapping) {}

  /** The edge said PENDING (1050) or pulses went unanswered; the SDK called /verify. */
  default void onVerified(boolean revived, String why) {}

  /** Several pulses in a row got no reply (edge unreachable, or the client is gone). */
  default void onPulsesUnanswered(int count) {}

  /**
   * The service no longer knows this client (1060 from the edge, or 401 from /verify): logged out
   * or expired. The session stops pulsing; register again to come back.
   */
  default void onClientGone(String reason) {}

  /** A peer that this session is not punching to sent a PUNCH; call punch() to answer it. */
  default void onIncomingPunch(ClientId peer, InetSocketAddress from) {}

  /**
   * An open link to {@code peer} now runs over a new path: this client's or the peer's network
   * changed (handover) and the link was punched again.
   */
  default void onLinkMoved(ClientId peer, PeerPath path) {}

  /**
   * A peer is calling (the service pushed an authenticated PUNCH_NOW): {@link IncomingCall#accept}
   * or {@link IncomingCall#refuse} it. The default refuses: an app that does not handle calls is
   * never reached by one.
   */
  default void onIncomingCall(IncomingCall call) {
    call.refuse();
  }

  /** Something went wrong that the session survived (an HTTP call failed, a send failed). */
  default void onError(String what, Throwable cause) {}
}
