package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.ClientIdCollisionException;
import dev.rendezvous.core.UnknownClientException;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.DirectoryRules;
import dev.rendezvous.core.directory.InternalSecret;
import dev.rendezvous.core.directory.LanCandidates;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.core.registry.SweepReport;
import dev.rendezvous.core.registry.VerifyOutcome;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The HTTP side of the directory on DynamoDB (synchronous: the functions and the expiry job). Every
 * write is one conditional write run by the store's one retry-and-explain policy ({@link
 * ConditionalWriter}): a refusal is explained from the item as it was with {@link DirectoryRules},
 * and an SDK retry of a write that landed is recognized by the write's token.
 */
public final class DynamoClientRegistry implements ClientRegistry {
  private final DynamoDbClient dynamo;
  private final Clock clock;
  private final RegistryRequests requests;
  private final DirectoryItems items;
  private final DirectoryRules rules;
  private final ConditionalWriter writer;
  private final DynamoExpirySweeper sweeper;

  public DynamoClientRegistry(
      DynamoDbClient dynamo, DynamoStoreSettings settings, LivenessRules rules, Clock clock) {
    Expressions expressions =
        new Expressions(
            rules, new SweepBuckets(settings.sweepBucketSeconds(), settings.sweepShards()));
    this.dynamo = dynamo;
    this.clock = clock;
    this.requests = new RegistryRequests(settings.tableName(), expressions);
    this.items = new DirectoryItems(rules);
    this.rules = expressions.rules();
    this.writer = new ConditionalWriter(DynamoChannel.of(dynamo), clock);
    this.sweeper =
        new DynamoExpirySweeper(dynamo, requests, expressions.buckets(), settings, clock);
  }

  /** Registers; the same key found registered (a retry by another path) is that registration. */
  @Override
  public Instant register(ClientCredentials credentials) {
    GetItemRequest read = requests.get(credentials.clientId());
    return writer.writeAndWait(
        ConditionalWrite.of(
            (token, now) -> requests.register(credentials, token, now),
            read,
            now -> now,
            (item, at) -> {
              Optional<DirectoryEntry> existing = item.flatMap(items::toEntry);
              if (existing.isPresent()
                  && existing.get().keyVerifier().matches(credentials.privateKey())) {
                return Optional.of(existing.get().registeredAt());
              }
              throw new ClientIdCollisionException(
                  "client_id " + credentials.clientId() + " is taken");
            }));
  }

  @Override
  public Optional<DirectoryEntry> find(ClientId clientId) {
    return items.toEntry(read(requests.get(clientId)));
  }

  @Override
  public VerifyOutcome verify(PrivateKey key) {
    return writer.writeAndWait(
        ConditionalWrite.of(
            (token, now) -> requests.verify(key, token, now),
            requests.get(key.clientId()),
            now -> VerifyOutcome.REVIVED,
            (item, at) -> {
              Optional<VerifyOutcome> outcome = rules.verify(item.flatMap(items::toEntry), key, at);
              if (outcome.isEmpty()) {
                throw unknownKey();
              }
              // REVIVED by the item as read: it changed after the write; try again.
              return outcome.filter(o -> o == VerifyOutcome.ALREADY_ONLINE);
            }));
  }

  @Override
  public void logout(PrivateKey key) {
    writer.writeAndWait(
        ConditionalWrite.of(
            (token, now) -> requests.logout(key, token, now),
            requests.get(key.clientId()),
            now -> Boolean.TRUE,
            (item, at) -> {
              if (!rules.isAliveFor(item.flatMap(items::toEntry), key, at)) {
                throw unknownKey();
              }
              return Optional.empty(); // alive by the item as read: it changed; try again
            }));
  }

  @Override
  public void reportLanCandidates(PrivateKey key, LanCandidates candidates) {
    try {
      dynamo.updateItem(requests.reportLanCandidates(key, candidates, clock.instant()));
    } catch (ConditionalCheckFailedException e) {
      throw unknownKey();
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
  }

  @Override
  public Optional<TaskRecord> findTask(TaskId task) {
    return DirectoryItems.toTask(read(requests.get(DirectoryItems.key(task))));
  }

  @Override
  public Optional<InternalSecret> findInternalSecret() {
    return DirectoryItems.toSecret(
        read(requests.get(DirectoryItems.key(ClientTable.INTERNAL_SECRET_KEY))));
  }

  @Override
  public SweepReport sweepExpired(Instant deadline) {
    return sweeper.sweep(deadline);
  }

  private Map<String, AttributeValue> read(GetItemRequest request) {
    try {
      var response = dynamo.getItem(request);
      return response.hasItem() ? response.item() : Map.of();
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
  }

  private static UnknownClientException unknownKey() {
    return new UnknownClientException("unknown or expired key");
  }
}
