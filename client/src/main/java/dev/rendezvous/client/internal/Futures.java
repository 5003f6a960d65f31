package dev.rendezvous.client.internal;

import dev.rendezvous.protocol.identity.ClientId;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Hands futures to the app without running its code on the SDK's threads. */
public final class Futures {
  private Futures() {}

  /**
   * A future that completes like {@code source}, but from a task on {@code callbacks}: stages the
   * app chains to it before it completes run there, not on the SDK thread that completed {@code
   * source}. If {@code callbacks} refuses work (the client was closed), it completes at once
   * instead, so that nobody waits forever.
   */
  public static <T> CompletableFuture<T> completeOn(
      CompletableFuture<T> source, Executor callbacks) {
    CompletableFuture<T> relayed = new CompletableFuture<>();
    var unused =
        source.whenComplete(
            (value, failure) -> {
              Runnable complete =
                  () -> {
                    if (failure == null) {
                      relayed.complete(value);
                    } else {
                      relayed.completeExceptionally(failure);
                    }
                  };
              try {
                callbacks.execute(complete);
              } catch (RejectedExecutionException closed) {
                complete.run();
              }
            });
    return relayed;
  }

  /** One send on a link, which may fail with an {@link IOException}. */
  public interface LinkSend {
    void run() throws IOException;
  }

  /**
   * Runs {@code send} on the SDK's {@code io} thread and returns a future, completed on {@code
   * callbacks} (as by {@link #completeOn}), that fails with what {@code send} threw. If {@code io}
   * refuses work (the client was closed), it fails with an {@link IOException}: the link to {@code
   * peer} is closed.
   */
  public static CompletableFuture<Void> sendOn(
      Executor io, Executor callbacks, ClientId peer, LinkSend send) {
    CompletableFuture<Void> sent = new CompletableFuture<>();
    try {
      io.execute(
          () -> {
            try {
              send.run();
              sent.complete(null);
            } catch (IOException | RuntimeException e) {
              sent.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      sent.completeExceptionally(new IOException("link to " + peer + " is closed", e));
    }
    return completeOn(sent, callbacks);
  }
}
