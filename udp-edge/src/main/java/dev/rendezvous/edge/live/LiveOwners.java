package dev.rendezvous.edge.live;

import dev.rendezvous.core.call.PushChannel;
import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.OwnedClients;
import dev.rendezvous.core.directory.OwnedState;
import dev.rendezvous.protocol.call.CallId;
import dev.rendezvous.protocol.identity.ClientId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * {@link OwnedClients} over the shards, for the internal API server: each question is submitted to
 * the owning shard's event loop and answered by a future completed there, so the caller's thread
 * never waits on a loop and no loop ever waits on anything.
 */
public final class LiveOwners implements OwnedClients {
  private final List<Shard> shards;

  public LiveOwners(List<Shard> shards) {
    this.shards = List.copyOf(shards);
  }

  @Override
  public CompletionStage<List<OwnedState>> lookUp(ClientId clientId) {
    return onShard(clientId, shard -> shard.lookUp(clientId));
  }

  @Override
  public CompletionStage<Void> verified(ClientId clientId, Instant at) {
    return onShard(
        clientId,
        shard -> {
          shard.verified(clientId, at);
          return null;
        });
  }

  @Override
  public CompletionStage<Void> loggedOut(ClientId clientId) {
    return onShard(
        clientId,
        shard -> {
          shard.loggedOut(clientId);
          return null;
        });
  }

  @Override
  public CompletionStage<Void> revoke(ClientId clientId, AddressFamily family, long newerEpoch) {
    return onShard(
        clientId,
        shard -> {
          shard.revoke(clientId, family, newerEpoch);
          return null;
        });
  }

  @Override
  public CompletionStage<PushChannel.Result> punchNow(
      ClientId clientId, CallId call, boolean first) {
    return onShard(clientId, shard -> shard.punchNow(clientId, call, first))
        .thenCompose(answer -> answer);
  }

  /** (client, family) entries held by every shard now. */
  public int liveEntries() {
    int total = 0;
    for (Shard s : shards) {
      total += s.liveEntries();
    }
    return total;
  }

  private <T> CompletionStage<T> onShard(ClientId clientId, Function<Shard, T> question) {
    Shard shard = shards.get(Shard.indexOf(clientId, shards.size()));
    CompletableFuture<T> answer = new CompletableFuture<>();
    try {
      shard
          .loop()
          .execute(
              () -> {
                try {
                  answer.complete(question.apply(shard));
                } catch (RuntimeException e) {
                  answer.completeExceptionally(e);
                }
              });
    } catch (RejectedExecutionException e) {
      answer.completeExceptionally(e);
    }
    return answer;
  }
}
