package dev.rendezvous.client.internal;

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
}
