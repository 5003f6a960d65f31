package dev.rendezvous.client.session;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/** Runs listener callbacks one at a time, in order, off the socket and timer threads. */
final class EventDispatcher {
  private final SessionListener listener;
  private final ExecutorService executor;

  EventDispatcher(SessionListener listener, ExecutorService executor) {
    this.listener = listener;
    this.executor = executor;
  }

  void fire(Consumer<SessionListener> event) {
    try {
      executor.execute(
          () -> {
            try {
              event.accept(listener);
            } catch (RuntimeException e) {
              // A failing listener must not stop the session; report it to stderr once.
              System.err.println("rendezvous: listener threw " + e);
            }
          });
    } catch (RejectedExecutionException closed) {
      // The session is closed: nobody is listening any more.
    }
  }
}
