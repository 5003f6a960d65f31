package dev.rendezvous.store.dynamodb;

import static dev.rendezvous.store.dynamodb.DirectoryItems.b;
import static dev.rendezvous.store.dynamodb.DirectoryItems.key;
import static dev.rendezvous.store.dynamodb.DirectoryItems.n;
import static dev.rendezvous.store.dynamodb.DirectoryItems.s;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.DirectoryEntry;
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
  private final ConditionalWriter writer;
  private final RegistryRequests reads;

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
    this.writer = new ConditionalWriter(DynamoChannel.of(dynamo), clock);
  }

  @Override
  public CompletionStage<PulseOutcome> pulse(PrivateKey key, ObservedAddress source) {
    return writer.write(
        ConditionalWrite.of(
            (token, now) -> request(key.clientId(), key, 0, source, token, now),
            reads.get(key.clientId()),
            now -> PulseOutcome.ACCEPTED,
            (item, at) -> explain(item, key, 0, at)));
  }

  @Override
  public CompletionStage<PulseOutcome> authenticatedPulse(
      ClientId clientId, long counter, ObservedAddress source) {
    return writer
        .write(
            ConditionalWrite.of(
                (token, now) -> request(clientId, null, counter, source, token, now),
                reads.get(clientId),
                now -> PulseOutcome.ACCEPTED,
                (item, at) -> explain(item, null, counter, at)))
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
    return DynamoChannel.of(dynamo)
        .read(reads.get(clientId))
        .handle(
            (item, error) -> {
              if (error != null) {
                throw DynamoErrors.translate(error);
              }
              return items.toEntry(item);
            });
  }

  private UpdateItemRequest request(
      ClientId clientId,
      PrivateKey key,
      long counter,
      ObservedAddress source,
      RequestToken token,
      Instant now) {
    FamilyAttributes f = FamilyAttributes.get(AddressFamily.of(source));
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":host", s(source.host()));
    values.put(":port", n(source.port()));
    values.put(":pulseAt", n(now.toEpochMilli()));
    values.put(":until", n(now.plus(rules.timings().onlineWindow()).toEpochMilli()));
    values.put(RequestToken.PLACEHOLDER, token.value());
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
            + Expressions.SET_EXPIRY
            + ", "
            + ClientTable.WRITE_TOKEN
            + " = "
            + RequestToken.PLACEHOLDER;
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
      Optional<Map<String, AttributeValue>> item, PrivateKey key, long counter, Instant at) {
    Optional<DirectoryEntry> entry = item.flatMap(items::toEntry);
    if (entry.isEmpty() || (key != null && !entry.get().keyVerifier().matches(key))) {
      return Optional.of(PulseOutcome.UNKNOWN);
    }
    if (counter > 0 && counter <= entry.get().highestCounter()) {
      return Optional.of(PulseOutcome.REPLAYED);
    }
    return switch (entry.get().liveness(rules, at)) {
      case EXPIRED -> Optional.of(PulseOutcome.UNKNOWN);
      case PENDING -> Optional.of(PulseOutcome.PENDING);
      case ONLINE -> Optional.empty();
    };
  }
}
