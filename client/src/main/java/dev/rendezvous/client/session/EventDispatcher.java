package dev.rendezvous.client.session;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Hands listener callbacks to the session's callback lane (one at a time, in order, on the app's
 * callback executor), never running them on the socket or timer threads.
 */
final class EventDispatcher {
  private final SessionListener listener;
  private final Executor lane;

  EventDispatcher(SessionListener listener, Executor lane) {
    this.listener = listener;
    this.lane = lane;
  }

  void fire(Consumer<SessionListener> event) {
    try {
      lane.execute(
          () -> {
            try {
              event.accept(listener);
            } catch (RuntimeException e) {
              // A failing listener must not stop the session; report it to stderr once.
              System.err.println("rendezvous: listener threw " + e);
            }
          });
    } catch (RejectedExecutionException closed) {
      // The client is closed: nobody is listening any more.
    }
  }
}
