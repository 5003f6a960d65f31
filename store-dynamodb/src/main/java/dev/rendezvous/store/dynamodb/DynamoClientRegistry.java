package dev.rendezvous.store.dynamodb;

import dev.rendezvous.core.registry.ClientRegistry;
import dev.rendezvous.core.registry.ClientSnapshot;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.registry.PulseOutcome;
import dev.rendezvous.core.registry.SweepReport;
import dev.rendezvous.core.registry.VerifyOutcome;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The synchronous storage port on DynamoDB, for the HTTP functions and the expiry job. Every state
 * change is one {@link ClientWrites} write run by the store's {@link ConditionalWriter}.
 */
public final class DynamoClientRegistry implements ClientRegistry {
  private final DynamoDbClient dynamo;
  private final ClientRequests requests;
  private final ClientWrites writes;
  private final ConditionalWriter writer;
  private final DynamoExpirySweeper sweeper;

  public DynamoClientRegistry(
      DynamoDbClient dynamo, DynamoStoreSettings settings, LivenessRules rules, Clock clock) {
    this.dynamo = dynamo;
    this.requests = new ClientRequests(settings, rules);
    this.writes = new ClientWrites(requests, new OutcomeRules(rules));
    this.writer = new ConditionalWriter(DynamoChannel.of(dynamo), clock);
    this.sweeper = new DynamoExpirySweeper(dynamo, requests, writes, writer, settings, clock);
  }

  @Override
  public Instant register(ClientCredentials credentials) {
    return writer.writeAndWait(writes.register(credentials));
  }

  @Override
  public VerifyOutcome verify(PrivateKey key) {
    return writer.writeAndWait(writes.verify(key));
  }

  @Override
  public void logout(PrivateKey key) {
    writer.writeAndWait(writes.logout(key));
  }

  @Override
  public PulseOutcome recordPulse(PrivateKey key, ObservedAddress source) {
    return writer.writeAndWait(writes.pulse(key, source));
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
}
