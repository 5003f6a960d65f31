package dev.rendezvous.store.dynamodb;

import static dev.rendezvous.store.dynamodb.DirectoryItems.b;
import static dev.rendezvous.store.dynamodb.DirectoryItems.key;
import static dev.rendezvous.store.dynamodb.DirectoryItems.n;
import static dev.rendezvous.store.dynamodb.DirectoryItems.s;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.FamilyEntry;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.registry.PulseOutcome;
import dev.rendezvous.core.registry.PulseRecorder;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The per-pulse write path on DynamoDB (the edge's, until it owns live state): an accepted pulse is
 * one conditional UpdateItem that records its family without an owner, ONLINE until one window
 * after it. Conditions and outcomes are the directory's (judged by the effective last seen; a v2
 * counter must be above every stored one; a v2 pulse refused as PENDING burns its counter).
 */
public final class DynamoPulseRecorder implements PulseRecorder {
  private final DynamoDbAsyncClient dynamo;
  private final String table;
  private final Expressions expressions;
  private final OwnerRequests owners;
  private final DirectoryItems items;
  private final LivenessRules rules;
  private final AsyncWrites writes;
  private final RegistryRequests reads;
  private final Clock clock;

  public DynamoPulseRecorder(
      DynamoDbAsyncClient dynamo, DynamoStoreSettings settings, LivenessRules rules, Clock clock) {
    this.dynamo = dynamo;
    this.table = settings.tableName();
    this.expressions =
        new Expressions(
            rules, new SweepBuckets(settings.sweepBucketSeconds(), settings.sweepShards()));
    this.owners = new OwnerRequests(table, expressions);
    this.reads = new RegistryRequests(table, expressions);
    this.items = new DirectoryItems(rules);
    this.rules = rules;
    this.writes = new AsyncWrites(dynamo, reads);
    this.clock = clock;
  }

  @Override
  public CompletionStage<PulseOutcome> pulse(PrivateKey key, ObservedAddress source) {
    Instant[] sent = new Instant[1];
    return writes.update(
        () -> {
          sent[0] = clock.instant();
          return request(key.clientId(), key, 0, source, sent[0]);
        },
        key.clientId(),
        response -> PulseOutcome.ACCEPTED,
        old -> explain(items.toEntry(old), key, 0, source, sent[0]));
  }

  @Override
  public CompletionStage<PulseOutcome> authenticatedPulse(
      ClientId clientId, long counter, ObservedAddress source) {
    Instant[] sent = new Instant[1];
    return writes
        .update(
            () -> {
              sent[0] = clock.instant();
              return request(clientId, null, counter, source, sent[0]);
            },
            clientId,
            response -> PulseOutcome.ACCEPTED,
            old -> explain(items.toEntry(old), null, counter, source, sent[0]))
        .thenCompose(
            outcome ->
                outcome == PulseOutcome.PENDING
                    ? dynamo
                        .updateItem(owners.burn(clientId, counter))
                        .handle((response, error) -> outcome)
                    : CompletableFuture.completedFuture(outcome));
  }

  @Override
  public CompletionStage<Optional<DirectoryEntry>> find(ClientId clientId) {
    return writes.read(reads.get(clientId)).thenApply(items::toEntry);
  }

  private UpdateItemRequest request(
      ClientId clientId, PrivateKey key, long counter, ObservedAddress source, Instant now) {
    FamilyAttributes f = FamilyAttributes.get(AddressFamily.of(source));
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":host", s(source.host()));
    values.put(":port", n(source.port()));
    values.put(":pulseAt", n(now.toEpochMilli()));
    values.put(":until", n(now.plus(rules.timings().onlineWindow()).toEpochMilli()));
    expressions.onlineAt(values, now);
    expressions.expiry(values, clientId, now);
    String update =
        "SET "
            + f.host()
            + " = :host, "
            + f.port()
            + " = :port, "
            + f.pulseAtMillis()
            + " = :pulseAt, "
            + f.onlineUntilMillis()
            + " = :until, "
            + Expressions.SET_EXPIRY;
    String condition;
    if (key != null) {
      values.put(":verifier", b(key.verifier().toBytes()));
      condition = ClientTable.KEY_VERIFIER + " = :verifier AND " + Expressions.ONLINE_AT;
    } else {
      values.put(":counter", n(counter));
      update += ", " + f.counter() + " = :counter";
      condition =
          Expressions.CLIENT_EXISTS
              + " AND "
              + Expressions.COUNTER_ABOVE
              + " AND "
              + Expressions.ONLINE_AT;
    }
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(key(clientId))
        .updateExpression(update)
        .conditionExpression(condition)
        .expressionAttributeValues(values)
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
  }

  private Optional<PulseOutcome> explain(
      Optional<DirectoryEntry> entry,
      PrivateKey key,
      long counter,
      ObservedAddress source,
      Instant sent) {
    if (entry.isEmpty() || (key != null && !entry.get().keyVerifier().matches(key))) {
      return Optional.of(PulseOutcome.UNKNOWN);
    }
    if (counter > 0 && counter <= entry.get().highestCounter()) {
      Optional<FamilyEntry> family = entry.get().family(AddressFamily.of(source));
      boolean ours =
          family.isPresent()
              && family.get().counter() == counter
              && family.get().lastPulseAt().toEpochMilli() == sent.toEpochMilli();
      return Optional.of(ours ? PulseOutcome.ACCEPTED : PulseOutcome.REPLAYED);
    }
    return switch (entry.get().liveness(rules, sent)) {
      case EXPIRED -> Optional.of(PulseOutcome.UNKNOWN);
      case PENDING -> Optional.of(PulseOutcome.PENDING);
      case ONLINE -> Optional.empty();
    };
  }
}
