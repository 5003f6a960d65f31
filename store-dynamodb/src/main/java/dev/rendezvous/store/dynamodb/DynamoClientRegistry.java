package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.registry.ClientIdCollisionException;
import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.core.registry.ClientSnapshot;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.registry.PulseOutcome;
import dev.rendezvous.core.registry.StorageUnavailableException;
import dev.rendezvous.core.registry.SweepReport;
import dev.rendezvous.core.registry.UnknownClientException;
import dev.rendezvous.core.registry.VerifyOutcome;
import dev.rendezvous.core.timing.Liveness;
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

/** The synchronous storage port on DynamoDB, for the HTTP functions and the expiry job. */
public final class DynamoClientRegistry implements ClientRegistry {
  private static final int ATTEMPTS = 3;

  private final DynamoDbClient dynamo;
  private final ClientRequests requests;
  private final OutcomeRules outcomes;
  private final DynamoExpirySweeper sweeper;
  private final Clock clock;

  public DynamoClientRegistry(
      DynamoDbClient dynamo, DynamoStoreSettings settings, LivenessRules rules, Clock clock) {
    this.dynamo = dynamo;
    this.requests = new ClientRequests(settings, rules);
    this.outcomes = new OutcomeRules(rules);
    this.sweeper = new DynamoExpirySweeper(dynamo, requests, settings, clock);
    this.clock = clock;
  }

  @Override
  public Instant register(ClientCredentials credentials) {
    Instant now = clock.instant();
    try {
      dynamo.putItem(requests.register(credentials, now));
      return now;
    } catch (ConditionalCheckFailedException e) {
      throw new ClientIdCollisionException("client_id " + credentials.clientId() + " is taken");
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
  }

  @Override
  public VerifyOutcome verify(PrivateKey key) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Instant now = clock.instant();
      try {
        dynamo.updateItem(requests.verify(key, now));
        return VerifyOutcome.REVIVED;
      } catch (ConditionalCheckFailedException e) {
        ClientSnapshot item =
            itemAsItWas(e, key.clientId())
                .filter(c -> c.keyVerifier().matches(key))
                .orElseThrow(DynamoClientRegistry::unknownKey);
        Liveness liveness = outcomes.liveness(item, clock.instant());
        if (liveness == Liveness.EXPIRED) {
          throw unknownKey();
        }
        if (liveness == Liveness.ONLINE) {
          return VerifyOutcome.ALREADY_ONLINE;
        }
        // PENDING again: the clock moved between the write and the read; try once more.
      } catch (SdkException e) {
        throw DynamoErrors.translate(e);
      }
    }
    throw contention(key.clientId());
  }

  @Override
  public void logout(PrivateKey key) {
    try {
      dynamo.deleteItem(requests.logout(key, clock.instant()));
    } catch (ConditionalCheckFailedException e) {
      throw unknownKey();
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
  }

  @Override
  public PulseOutcome recordPulse(PrivateKey key, ObservedAddress source) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Instant now = clock.instant();
      try {
        dynamo.updateItem(requests.pulse(key, source, now));
        return PulseOutcome.ACCEPTED;
      } catch (ConditionalCheckFailedException e) {
        Optional<PulseOutcome> outcome =
            outcomes.explainV1(itemAsItWas(e, key.clientId()), key.verifier(), clock.instant());
        if (outcome.isPresent()) {
          return outcome.get();
        }
      } catch (SdkException e) {
        throw DynamoErrors.translate(e);
      }
    }
    throw contention(key.clientId());
  }

  @Override
  public Optional<ClientSnapshot> find(ClientId clientId) {
    try {
      return ClientItems.toSnapshot(dynamo.getItem(requests.get(clientId)).item());
    } catch (SdkException e) {
      throw DynamoErrors.translate(e);
    }
  }

  @Override
  public SweepReport sweepExpired(Instant deadline) {
    return sweeper.sweep(deadline);
  }

  /**
   * The item as it was when the condition failed: DynamoDB returns it with the exception
   * (ReturnValuesOnConditionCheckFailure=ALL_OLD); engines that do not (dynalite) get a read.
   */
  private Optional<ClientSnapshot> itemAsItWas(ConditionalCheckFailedException e, ClientId id) {
    Map<String, AttributeValue> old = e.item();
    if (old != null && !old.isEmpty()) {
      return ClientItems.toSnapshot(old);
    }
    return find(id);
  }

  private static UnknownClientException unknownKey() {
    return new UnknownClientException("unknown or expired key");
  }

  private static StorageUnavailableException contention(ClientId id) {
    return new StorageUnavailableException(
        "client " + id + " changed under every attempt; try again", true, null);
  }
}
