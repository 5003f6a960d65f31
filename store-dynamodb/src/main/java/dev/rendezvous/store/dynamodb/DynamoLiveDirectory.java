package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.DirectoryRules;
import dev.rendezvous.core.directory.FamilyEntry;
import dev.rendezvous.core.directory.InternalSecret;
import dev.rendezvous.core.directory.LiveDirectory;
import dev.rendezvous.core.directory.Owner;
import dev.rendezvous.core.directory.OwnerWrite;
import dev.rendezvous.core.directory.OwnerWriteResult;
import dev.rendezvous.core.directory.Takeover;
import dev.rendezvous.core.directory.TakeoverResult;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.protocol.identity.ClientId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The edge's slice of the directory on DynamoDB, asynchronous. Each write is one conditional
 * UpdateItem (no read before it); when its condition fails, the item as it was (returned with the
 * failure by DynamoDB, read by a strongly consistent GetItem where the engine does not return it)
 * says why, with {@link DirectoryRules}, and also recognizes a retry of a write that had landed.
 */
public final class DynamoLiveDirectory implements LiveDirectory {
  private final DynamoDbAsyncClient dynamo;
  private final RegistryRequests reads;
  private final OwnerRequests requests;
  private final DirectoryItems items;
  private final DirectoryRules rules;
  private final AsyncWrites writes;
  private final Clock clock;
  private final SecureRandom random;

  public DynamoLiveDirectory(
      DynamoDbAsyncClient dynamo, DynamoStoreSettings settings, LivenessRules rules, Clock clock) {
    this(dynamo, settings, rules, clock, new SecureRandom());
  }

  public DynamoLiveDirectory(
      DynamoDbAsyncClient dynamo,
      DynamoStoreSettings settings,
      LivenessRules rules,
      Clock clock,
      SecureRandom random) {
    Expressions expressions =
        new Expressions(
            rules, new SweepBuckets(settings.sweepBucketSeconds(), settings.sweepShards()));
    this.dynamo = dynamo;
    this.reads = new RegistryRequests(settings.tableName(), expressions);
    this.requests = new OwnerRequests(settings.tableName(), expressions);
    this.items = new DirectoryItems(rules);
    this.rules = expressions.rules();
    this.writes = new AsyncWrites(dynamo, reads);
    this.clock = clock;
    this.random = random;
  }

  @Override
  public CompletionStage<Optional<DirectoryEntry>> find(ClientId clientId) {
    return writes.read(reads.get(clientId)).thenApply(items::toEntry);
  }

  @Override
  public CompletionStage<Optional<TaskRecord>> findTask(TaskId task) {
    return writes.read(reads.get(DirectoryItems.key(task))).thenApply(DirectoryItems::toTask);
  }

  @Override
  public CompletionStage<TakeoverResult> takeOver(Takeover takeover) {
    return writes
        .update(
            () -> requests.takeover(takeover),
            takeover.clientId(),
            response -> taken(takeover, response.attributes()),
            old -> explainTakeover(takeover, old))
        .thenCompose(
            result ->
                result instanceof TakeoverResult.Pending && takeover.counter() > 0
                    ? burn(takeover.clientId(), takeover.counter()).thenApply(ignored -> result)
                    : CompletableFuture.completedFuture(result));
  }

  @Override
  public CompletionStage<OwnerWriteResult> moveAddress(
      OwnerWrite write, ObservedAddress newAddress) {
    return ownerWrite(
        () -> requests.move(write, newAddress),
        write.clientId(),
        write.family(),
        write.owner(),
        write.counter(),
        f ->
            f.address().equals(newAddress)
                && f.onlineUntil().toEpochMilli() == write.onlineUntil().toEpochMilli());
  }

  @Override
  public CompletionStage<OwnerWriteResult> checkpoint(OwnerWrite write) {
    return ownerWrite(
        () -> requests.checkpoint(write),
        write.clientId(),
        write.family(),
        write.owner(),
        0,
        f -> false);
  }

  @Override
  public CompletionStage<OwnerWriteResult> markPending(
      ClientId clientId, AddressFamily family, Owner owner, Instant lastPulseAt) {
    return ownerWrite(
        () -> requests.pending(clientId, family, owner, lastPulseAt),
        clientId,
        family,
        owner,
        0,
        f -> false);
  }

  @Override
  public CompletionStage<Void> heartbeat(TaskRecord task) {
    return dynamo
        .putItem(requests.heartbeat(task))
        .handle(
            (response, error) -> {
              if (error != null) {
                throw DynamoErrors.translate(error);
              }
              return null;
            });
  }

  /** Reads the secret; creates it when absent (a conditional put); a racing creator's wins. */
  @Override
  public CompletionStage<InternalSecret> internalSecret() {
    Map<String, AttributeValue> key = DirectoryItems.key(ClientTable.INTERNAL_SECRET_KEY);
    return writes
        .read(reads.get(key))
        .thenCompose(
            item -> {
              Optional<InternalSecret> existing = DirectoryItems.toSecret(item);
              if (existing.isPresent()) {
                return CompletableFuture.completedFuture(existing.get());
              }
              byte[] bytes = new byte[InternalSecret.LENGTH_BYTES];
              random.nextBytes(bytes);
              return dynamo
                  .putItem(requests.createSecret(new InternalSecret(bytes), clock.instant()))
                  .handle((response, error) -> error)
                  .thenCompose(
                      error -> {
                        if (error != null && !DynamoErrors.isConditionFailure(error)) {
                          throw DynamoErrors.translate(error);
                        }
                        return writes.read(reads.get(key));
                      })
                  .thenApply(winner -> DirectoryItems.toSecret(winner).orElseThrow());
            });
  }

  private CompletionStage<OwnerWriteResult> ownerWrite(
      Supplier<UpdateItemRequest> request,
      ClientId clientId,
      AddressFamily family,
      Owner owner,
      long moveCounter,
      Predicate<FamilyEntry> landed) {
    return writes.update(
        request,
        clientId,
        response -> OwnerWriteResult.WRITTEN,
        old -> {
          Optional<DirectoryEntry> entry = items.toEntry(old);
          OwnerWriteResult decided = rules.ownerWrite(entry, family, owner, moveCounter);
          if (decided == OwnerWriteResult.REPLAYED
              && entry.flatMap(e -> e.family(family)).filter(landed).isPresent()) {
            return Optional.of(OwnerWriteResult.WRITTEN); // our own move, retried after it landed
          }
          return decided == OwnerWriteResult.WRITTEN ? Optional.empty() : Optional.of(decided);
        });
  }

  private TakeoverResult taken(Takeover takeover, Map<String, AttributeValue> old) {
    FamilyAttributes f = FamilyAttributes.get(takeover.family());
    Optional<Owner> previous = DirectoryItems.owner(old, f.owner(), f.epoch());
    long epoch = DirectoryItems.optionalNumber(old, f.epoch()).orElse(0L) + 1;
    return new TakeoverResult.Taken(new Owner(takeover.task(), epoch), previous);
  }

  private Optional<TakeoverResult> explainTakeover(
      Takeover takeover, Map<String, AttributeValue> old) {
    FamilyAttributes f = FamilyAttributes.get(takeover.family());
    Optional<DirectoryEntry> entry = items.toEntry(old);
    Optional<FamilyEntry> family = entry.flatMap(e -> e.family(takeover.family()));
    Optional<Owner> owner = family.flatMap(FamilyEntry::owner);
    if (owner.isPresent()
        && owner.get().task().equals(takeover.task())
        && family.get().onlineUntil().toEpochMilli() == takeover.onlineUntil().toEpochMilli()) {
      // Our own takeover, retried after it landed: report it as it was.
      long epoch = owner.get().epoch();
      AttributeValue previousTask = old.get(f.previousOwner());
      Optional<Owner> previous =
          previousTask == null || epoch < 2
              ? Optional.empty()
              : DirectoryItems.owner(
                  Map.of("task", previousTask, "epoch", DirectoryItems.n(epoch - 1)),
                  "task",
                  "epoch");
      return Optional.of(new TakeoverResult.Taken(owner.get(), previous));
    }
    TakeoverResult decided = rules.takeover(entry, takeover);
    return decided instanceof TakeoverResult.Taken ? Optional.empty() : Optional.of(decided);
  }

  /** Best effort: if the burn fails, the pulse was still refused, which is what matters. */
  private CompletableFuture<Void> burn(ClientId clientId, long counter) {
    return dynamo.updateItem(requests.burn(clientId, counter)).handle((response, error) -> null);
  }
}
