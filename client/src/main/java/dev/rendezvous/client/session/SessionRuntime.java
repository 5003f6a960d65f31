package dev.rendezvous.client.session;

import dev.rendezvous.client.ServerClock;
import dev.rendezvous.client.http.RendezvousHttpApi;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a session shares with the client that opened it: the HTTP API, the corrected clock, the
 * app's callback executor and, optionally, a scheduler for the session's timers (empty: the session
 * runs its own timer thread).
 */
public final class SessionRuntime {
  private final RendezvousHttpApi api;
  private final ServerClock clock;
  private final Executor callbacks;
  private final ScheduledExecutorService sharedTimers;

  /**
   * The parts a session runs on.
   *
   * @param sharedTimers a scheduler the app owns, or null for a timer thread per session
   */
  public SessionRuntime(
      RendezvousHttpApi api,
      ServerClock clock,
      Executor callbacks,
      ScheduledExecutorService sharedTimers) {
    this.api = Objects.requireNonNull(api);
    this.clock = Objects.requireNonNull(clock);
    this.callbacks = Objects.requireNonNull(callbacks);
    this.sharedTimers = sharedTimers;
  }

  public RendezvousHttpApi api() {
    return api;
  }

  public ServerClock clock() {
    return clock;
  }

  public Executor callbacks() {
    return callbacks;
  }

  public Optional<ScheduledExecutorService> sharedTimers() {
    return Optional.ofNullable(sharedTimers);
  }
}
