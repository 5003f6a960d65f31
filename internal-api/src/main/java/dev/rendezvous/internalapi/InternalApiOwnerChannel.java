package dev.rendezvous.internalapi;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.OwnedState;
import dev.rendezvous.core.directory.OwnerChannel;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP routes' {@link OwnerChannel} over the internal API: every owner is called in parallel,
 * and the caller waits at most the client's timeout (plus a little slack for scheduling) for all of
 * them together. An owner that fails, times out or owns nothing is left out. When two owners answer
 * for the same family (one has not yet learned it lost the client), the higher epoch wins; the
 * reader then checks it against the directory's.
 */
public final class InternalApiOwnerChannel implements OwnerChannel {
  private static final Logger LOG = LoggerFactory.getLogger(InternalApiOwnerChannel.class);
  private static final long SLACK_MILLIS = 20;
  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final InternalApiClient client;
  private final AtomicLong lastWarningNanos = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

  public InternalApiOwnerChannel(InternalApiClient client) {
    this.client = client;
  }

  @Override
  public Map<AddressFamily, OwnedState> ask(ClientId clientId, List<TaskRecord> owners) {
    List<CompletableFuture<List<OwnedState>>> calls =
        each(owners, owner -> client.lookUp(owner, clientId));
    awaitAll(calls, "look-up");
    Map<AddressFamily, OwnedState> exact = new EnumMap<>(AddressFamily.class);
    for (CompletableFuture<List<OwnedState>> call : calls) {
      if (call.isDone() && !call.isCompletedExceptionally()) {
        for (OwnedState state : call.join()) {
          OwnedState other = exact.get(state.family());
          if (other == null || state.epoch() > other.epoch()) {
            exact.put(state.family(), state);
          }
        }
      }
    }
    return exact;
  }

  @Override
  public void verified(ClientId clientId, Instant at, List<TaskRecord> owners) {
    awaitAll(each(owners, owner -> client.verified(owner, clientId, at)), "verified");
  }

  @Override
  public void loggedOut(ClientId clientId, List<TaskRecord> owners) {
    awaitAll(each(owners, owner -> client.loggedOut(owner, clientId)), "logged-out");
  }

  /** One call per distinct task (a task that owns both families is called once). */
  private static <T> List<CompletableFuture<T>> each(
      List<TaskRecord> owners, Function<InternalEndpoint, CompletableFuture<T>> call) {
    Map<InternalEndpoint, CompletableFuture<T>> calls = new LinkedHashMap<>();
    for (TaskRecord owner : owners) {
      calls.computeIfAbsent(InternalEndpoint.of(owner), call);
    }
    return new ArrayList<>(calls.values());
  }

  private void awaitAll(List<? extends CompletableFuture<?>> calls, String what) {
    if (calls.isEmpty()) {
      return;
    }
    try {
      CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
          .get(client.timeout().toMillis() + SLACK_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Some owner failed or is late: the others' answers are used, this one is left out.
    }
    for (CompletableFuture<?> call : calls) {
      if (!call.isDone() || call.isCompletedExceptionally()) {
        warn(what, call);
      }
    }
  }

  private void warn(String what, CompletableFuture<?> call) {
    long now = System.nanoTime();
    long last = lastWarningNanos.get();
    if (now - last < LOG_EVERY_NANOS || !lastWarningNanos.compareAndSet(last, now)) {
      return;
    }
    String why;
    try {
      call.getNow(null);
      why = "no answer in time";
    } catch (RuntimeException e) {
      why = e.getCause() != null ? e.getCause().getMessage() : e.toString();
    }
    LOG.warn(
        "an owner did not answer the internal {} call (left out; at most one warning per 10 s): {}",
        what,
        why);
  }
}
