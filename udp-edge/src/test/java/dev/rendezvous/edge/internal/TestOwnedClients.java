package dev.rendezvous.edge.internal;

import dev.rendezvous.core.call.PushChannel;
import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.OwnedClients;
import dev.rendezvous.core.directory.OwnedState;
import dev.rendezvous.protocol.call.CallId;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small live table for the server's tests: the families each client is owned for, and a log of
 * every notification. It can be told to never answer (a stuck table) or to fail.
 */
final class TestOwnedClients implements OwnedClients {
  private final Map<ClientId, List<OwnedState>> owned = new ConcurrentHashMap<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private volatile boolean stuck;
  private volatile boolean broken;
  private volatile PushChannel.Result pushResult =
      PushChannel.Result.of(PushChannel.Outcome.ACKNOWLEDGED);

  void own(ClientId clientId, OwnedState state) {
    owned.computeIfAbsent(clientId, id -> new CopyOnWriteArrayList<>()).add(state);
  }

  void stick() {
    stuck = true;
  }

  void breakDown() {
    broken = true;
  }

  /** Every call so far, as {@code "lookUp <id>"}, {@code "verified <id> <millis>"}, ... */
  List<String> calls() {
    return new ArrayList<>(calls);
  }

  @Override
  public CompletionStage<List<OwnedState>> lookUp(ClientId clientId) {
    calls.add("lookUp " + clientId);
    return answer(List.copyOf(owned.getOrDefault(clientId, List.of())));
  }

  @Override
  public CompletionStage<Void> verified(ClientId clientId, Instant at) {
    calls.add("verified " + clientId + " " + at.toEpochMilli());
    return answer(null);
  }

  @Override
  public CompletionStage<Void> loggedOut(ClientId clientId) {
    calls.add("loggedOut " + clientId);
    return answer(null);
  }

  @Override
  public CompletionStage<Void> revoke(ClientId clientId, AddressFamily family, long newerEpoch) {
    calls.add("revoke " + clientId + " " + family + " " + newerEpoch);
    return answer(null);
  }

  @Override
  public CompletionStage<PushChannel.Result> punchNow(
      ClientId clientId, CallId call, boolean first) {
    calls.add("punchNow " + clientId + " " + call + " " + first);
    return answer(pushResult);
  }

  void answerPushesWith(PushChannel.Result result) {
    pushResult = result;
  }

  private <T> CompletionStage<T> answer(T value) {
    if (broken) {
      throw new IllegalStateException("the live table broke");
    }
    return stuck ? new CompletableFuture<>() : CompletableFuture.completedFuture(value);
  }
}
