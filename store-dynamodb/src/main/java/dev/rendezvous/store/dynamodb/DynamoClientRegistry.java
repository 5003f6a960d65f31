package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.DirectoryRules;
import dev.rendezvous.core.directory.InternalSecret;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.directory.TaskRecord;
import dev.rendezvous.core.registry.ClientIdCollisionException;
import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.core.registry.StorageUnavailableException;
import dev.rendezvous.core.registry.SweepReport;
import dev.rendezvous.core.registry.UnknownClientException;
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
 * write is one conditional write; a failed condition is explained from the item as it was, which
 * also recognizes a retry (by the SDK, after a lost answer) of a write that had landed.
 */
public final class DynamoClientRegistry implements ClientRegistry {
  private static final int ATTEMPTS = 3;

  private final DynamoDbClient dynamo;
  private final RegistryRequests requests;
  private final DirectoryItems items;
  private final DirectoryRules rules;
  private final DynamoExpirySweeper sweeper;
  private final Clock clock;

  public DynamoClientRegistry(
      DynamoDbClient dynamo, DynamoStoreSettings settings, LivenessRules rules, Clock clock) {
    Expressions expressions =
        new Expressions(
            rules, new SweepBuckets(settings.sweepBucketSeconds(), settings.sweepShards()));
    this.dynamo = dynamo;
    this.requests = new RegistryRequests(settings.tableName(), expressions);
    this.items = new DirectoryItems(rules);
    this.rules = expressions.rules();
    this.sweeper =
        new DynamoExpirySweeper(dynamo, requests, expressions.buckets(), settings, clock);
    this.clock = clock;
  }

  @Override
  public Instant register(ClientCredentials credentials) {
    Instant now = clock.instant();
    try {
      dynamo.putItem(requests.register(credentials, now));
      return now;
    } catch (ConditionalCheckFailedException e) {
      Optional<DirectoryEntry> existing = items.toEntry(itemAsItWas(e, credentials.clientId()));
      if (existing.isPresent() && existing.get().keyVerifier().matches(credentials.privateKey())) {
        return existing.get().registeredAt(); // our own registration, retried after it landed
      }
      throw new ClientIdCollisionException("client_id " + credentials.clientId() + " is taken");
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
  }

  @Override
  public Optional<DirectoryEntry> find(ClientId clientId) {
    return items.toEntry(read(requests.get(clientId)));
  }

  @Override
  public VerifyOutcome verify(PrivateKey key) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Instant now = clock.instant();
      try {
        dynamo.updateItem(requests.verify(key, now));
        return VerifyOutcome.REVIVED;
      } catch (ConditionalCheckFailedException e) {
        Optional<DirectoryEntry> entry = items.toEntry(itemAsItWas(e, key.clientId()));
        boolean ours =
            retried(e)
                && entry.isPresent()
                && entry.get().keyVerifier().matches(key)
                && entry.get().lastSeenAt().toEpochMilli() == now.toEpochMilli();
        if (ours) {
          return VerifyOutcome.REVIVED; // our own verify, retried after it landed
        }
        Optional<VerifyOutcome> outcome = rules.verify(entry, key, now);
        if (outcome.isEmpty()) {
          throw unknownKey();
        }
        if (outcome.get() == VerifyOutcome.ALREADY_ONLINE) {
          return outcome.get();
        }
        // REVIVED by the item as read: it changed between the write and the read; try again.
      } catch (SdkException e) {
        throw DynamoErrors.translate(e);
      }
    }
    throw contention(key.clientId());
  }

  @Override
  public void logout(PrivateKey key) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Instant now = clock.instant();
      try {
        dynamo.deleteItem(requests.logout(key, now));
        return;
      } catch (ConditionalCheckFailedException e) {
        Map<String, AttributeValue> old = itemAsItWas(e, key.clientId());
        if (old.isEmpty() && retried(e)) {
          return; // our own delete, retried after it landed: the item is gone
        }
        if (!rules.isAliveFor(items.toEntry(old), key, now)) {
          throw unknownKey();
        }
        // alive by the item as read: it changed between the write and the read; try again.
      } catch (SdkException e) {
        throw DynamoErrors.translate(e);
      }
    }
    throw contention(key.clientId());
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

  /**
   * The item as it was when the condition failed: DynamoDB returns it with the exception
   * (ReturnValuesOnConditionCheckFailure=ALL_OLD); engines that do not (dynalite) get a read.
   */
  private Map<String, AttributeValue> itemAsItWas(ConditionalCheckFailedException e, ClientId id) {
    Map<String, AttributeValue> old = e.item();
    if (old != null && !old.isEmpty()) {
      return old;
    }
    return read(requests.get(id));
  }

  /** The SDK sent this request more than once: an earlier attempt may have landed. */
  private static boolean retried(ConditionalCheckFailedException e) {
    return e.numAttempts() != null && e.numAttempts() > 1;
  }

  private static UnknownClientException unknownKey() {
    return new UnknownClientException("unknown or expired key");
  }

  private static StorageUnavailableException contention(ClientId id) {
    return new StorageUnavailableException(
        "client " + id + " changed under every attempt; try again", true, null);
  }
}
