package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.DirectoryRules;
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
import java.util.function.BiFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The edge's slice of the directory on DynamoDB, asynchronous. Each write is one conditional
 * UpdateItem (no read before it) run by the store's retry-and-explain policy ({@link
 * ConditionalWriter}): a refusal is explained from the item as it was with {@link DirectoryRules};
 * an SDK retry of a write that landed is recognized by the family's write token.
 */
public final class DynamoLiveDirectory implements LiveDirectory {
  private final DynamoDbAsyncClient dynamo;
  private final DynamoChannel channel;
  private final RegistryRequests reads;
  private final OwnerRequests requests;
  private final TaskRequests tasks;
  private final DirectoryItems items;
  private final DirectoryRules rules;
  private final ConditionalWriter writer;
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
    this.channel = DynamoChannel.of(dynamo);
    this.reads = new RegistryRequests(settings.tableName(), expressions);
    this.requests = new OwnerRequests(settings.tableName(), expressions);
    this.tasks = new TaskRequests(settings.tableName());
    this.items = new DirectoryItems(rules);
    this.rules = expressions.rules();
    this.writer = new ConditionalWriter(channel, clock);
    this.clock = clock;
    this.random = random;
  }

  @Override
  public CompletionStage<Optional<DirectoryEntry>> find(ClientId clientId) {
    return read(reads.get(clientId)).thenApply(items::toEntry);
  }

  @Override
  public CompletionStage<Optional<TaskRecord>> findTask(TaskId task) {
    return read(reads.get(DirectoryItems.key(task))).thenApply(DirectoryItems::toTask);
  }

  @Override
  public CompletionStage<TakeoverResult> takeOver(Takeover takeover) {
    FamilyAttributes f = FamilyAttributes.get(takeover.family());
    ConditionalWrite<TakeoverResult> write =
        new FamilyWrite<>(
            f,
            (token, now) -> requests.takeover(takeover, token, now),
            reads.get(takeover.clientId()),
            (now, after) -> taken(takeover.task(), f, after),
            (item, at) -> {
              TakeoverResult decided = rules.takeover(item.flatMap(items::toEntry), takeover);
              return decided instanceof TakeoverResult.Taken
                  ? Optional.empty() // ONLINE by the item as read: it changed; try again
                  : Optional.of(decided);
            });
    return writer
        .write(write)
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
        write.clientId(),
        write.family(),
        write.owner(),
        write.counter(),
        (token, now) -> requests.move(write, newAddress, token, now));
  }

  @Override
  public CompletionStage<OwnerWriteResult> checkpoint(OwnerWrite write) {
    return ownerWrite(
        write.clientId(),
        write.family(),
        write.owner(),
        0,
        (token, now) -> requests.checkpoint(write, token, now));
  }

  @Override
  public CompletionStage<OwnerWriteResult> markPending(
      ClientId clientId, AddressFamily family, Owner owner, Instant lastPulseAt) {
    return ownerWrite(
        clientId,
        family,
        owner,
        0,
        (token, now) -> requests.pending(clientId, family, owner, lastPulseAt, token, now));
  }

  @Override
  public CompletionStage<Void> heartbeat(TaskRecord task) {
    return channel
        .write(tasks.heartbeat(task))
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
    GetItemRequest get = reads.get(DirectoryItems.key(ClientTable.INTERNAL_SECRET_KEY));
    return read(get)
        .thenCompose(
            item -> {
              Optional<InternalSecret> existing = DirectoryItems.toSecret(item);
              if (existing.isPresent()) {
                return CompletableFuture.completedFuture(existing.get());
              }
              byte[] bytes = new byte[InternalSecret.LENGTH_BYTES];
              random.nextBytes(bytes);
              return channel
                  .write(tasks.createSecret(new InternalSecret(bytes), clock.instant()))
                  .handle((response, error) -> error)
                  .thenCompose(
                      error -> {
                        if (error != null && !DynamoErrors.isConditionFailure(error)) {
                          throw DynamoErrors.translate(error);
                        }
                        return read(get);
                      })
                  .thenApply(winner -> DirectoryItems.toSecret(winner).orElseThrow());
            });
  }

  /**
   * An owner's write: refused, it is GONE, LOST or (a v2 move) REPLAYED by the item as read; an
   * owner still in place with the counter in order means a newer write of this owner landed before
   * this one (an SDK retry delayed past it), which then counts as written.
   */
  private CompletionStage<OwnerWriteResult> ownerWrite(
      ClientId clientId,
      AddressFamily family,
      Owner owner,
      long moveCounter,
      BiFunction<RequestToken, Instant, DynamoDbRequest> request) {
    return writer.write(
        new FamilyWrite<>(
            FamilyAttributes.get(family),
            request,
            reads.get(clientId),
            (now, after) -> OwnerWriteResult.WRITTEN,
            (item, at) ->
                Optional.of(
                    rules.ownerWrite(item.flatMap(items::toEntry), family, owner, moveCounter))));
  }

  /** The owner this takeover made, and the one it replaced, from the item after the write. */
  private static TakeoverResult taken(
      TaskId task, FamilyAttributes f, Map<String, AttributeValue> after) {
    long epoch = DirectoryItems.optionalNumber(after, f.epoch()).orElse(1L);
    AttributeValue previousTask = after.get(f.previousOwner());
    Optional<Owner> previous =
        previousTask == null || epoch < 2
            ? Optional.empty()
            : DirectoryItems.owner(
                Map.of("task", previousTask, "epoch", DirectoryItems.n(epoch - 1)),
                "task",
                "epoch");
    return new TakeoverResult.Taken(new Owner(task, epoch), previous);
  }

  /** Best effort: if the burn fails, the pulse was still refused, which is what matters. */
  private CompletableFuture<Void> burn(ClientId clientId, long counter) {
    return dynamo.updateItem(requests.burn(clientId, counter)).handle((response, error) -> null);
  }

  private CompletableFuture<Map<String, AttributeValue>> read(GetItemRequest request) {
    return channel
        .read(request)
        .handle(
            (item, error) -> {
              if (error != null) {
                throw DynamoErrors.translate(error);
              }
              return item == null ? Map.of() : item;
            });
  }

  /** A write of one family: it keeps its token in the family's own attribute. */
  private record FamilyWrite<T>(
      FamilyAttributes family,
      BiFunction<RequestToken, Instant, DynamoDbRequest> request,
      GetItemRequest read,
      BiFunction<Instant, Map<String, AttributeValue>, T> landed,
      BiFunction<Optional<Map<String, AttributeValue>>, Instant, Optional<T>> refusal)
      implements ConditionalWrite<T> {

    @Override
    public DynamoDbRequest request(RequestToken token, Instant now) {
      return request.apply(token, now);
    }

    @Override
    public T written(Instant now) {
      return landed.apply(now, Map.of());
    }

    @Override
    public T written(Instant now, Map<String, AttributeValue> after) {
      return landed.apply(now, after);
    }

    @Override
    public Optional<T> refused(Optional<Map<String, AttributeValue>> item, Instant attemptedAt) {
      return refusal.apply(item, attemptedAt);
    }

    @Override
    public String tokenAttribute() {
      return family.writeToken();
    }
  }
}
