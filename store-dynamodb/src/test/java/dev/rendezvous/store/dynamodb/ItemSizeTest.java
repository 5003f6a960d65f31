package dev.rendezvous.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.directory.AddressFamily;
import dev.rendezvous.core.directory.LanCandidates;
import dev.rendezvous.core.directory.Owner;
import dev.rendezvous.core.directory.OwnerWrite;
import dev.rendezvous.core.directory.Takeover;
import dev.rendezvous.core.directory.TakeoverResult;
import dev.rendezvous.core.directory.TaskId;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import dev.rendezvous.testkit.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The largest client item the directory writes stays under 1 KB, so that every write of it is one
 * write unit: both families owned after a takeover from a previous owner, the longest textual
 * addresses, 13-digit times, v2 counters, a burned counter, every write token, the most LAN
 * candidates (IPv6). The size is printed for store-dynamodb/README.md.
 */
class ItemSizeTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();

  /** The longest host texts the edge can record (an IPv4-mapped IPv6 address in full). */
  private static final ObservedAddress V4 = new ObservedAddress("255.255.255.255", 65535);

  private static final ObservedAddress V6 =
      new ObservedAddress("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255", 65535);

  private final MutableClock clock = MutableClock.startingAt("2286-11-20T17:46:39.999Z");
  private final LivenessRules rules = new LivenessRules(PulseTimings.DEFAULTS);
  private final DynamoStores stores = DynamoStores.over(DYNALITE, rules, clock);
  private final DynamoStoreSettings settings = stores.settings();
  private final DynamoClientRegistry registry = stores.registry();
  private final DynamoLiveDirectory live = stores.live();

  @AfterEach
  void close() {
    stores.close();
  }

  @Test
  void theLargestClientItemIsOneWriteUnit() {
    ClientCredentials client = new CredentialFactory().issue();
    registry.register(client);
    long counter = clock.millis();
    for (AddressFamily family : AddressFamily.values()) {
      ObservedAddress address = family == AddressFamily.IPV4 ? V4 : V6;
      take(client, family, address, counter++);
      Owner owner = take(client, family, address, counter++);
      Instant now = clock.instant();
      live.checkpoint(
              new OwnerWrite(
                  client.clientId(), family, owner, now, now.plus(Duration.ofHours(1)), counter++))
          .toCompletableFuture()
          .join();
    }
    clock.advance(Duration.ofHours(1).plusSeconds(10)); // PENDING
    Instant now = clock.instant();
    TakeoverResult refused =
        live.takeOver(
                new Takeover(
                    client.clientId(), AddressFamily.IPV4, task(), V4, now, now, counter + 1000))
            .toCompletableFuture()
            .join();
    assertThat(refused).as("and its counter burned").isInstanceOf(TakeoverResult.Pending.class);
    registry.verify(client.privateKey());
    List<ObservedAddress> lan = new ArrayList<>();
    for (int i = 0; i < LanCandidates.MAX; i++) {
      lan.add(new ObservedAddress("fd00:ffff:ffff:ffff:ffff:ffff:ffff:fff" + i, 65535));
    }
    registry.reportLanCandidates(
        client.privateKey(), new LanCandidates(Optional.of(V4.host()), lan));

    Map<String, AttributeValue> item =
        DYNALITE
            .syncClient()
            .getItem(
                b -> b.tableName(settings.tableName()).key(DirectoryItems.key(client.clientId())))
            .item();
    int size = ItemSize.of(item);
    System.out.println("largest client item: " + item.size() + " attributes, " + size + " bytes");
    assertThat(item)
        .containsKeys(
            ClientTable.WRITE_TOKEN,
            ClientTable.PULSE_COUNTER,
            "v4PreviousOwner",
            "v6WriteToken",
            ClientTable.LAN_CANDIDATES);
    assertThat(DirectoryItems.number(item, ClientTable.PULSE_COUNTER)).isGreaterThan(counter);
    assertThat(size).isLessThan(1024);
  }

  private Owner take(
      ClientCredentials client, AddressFamily family, ObservedAddress address, long counter) {
    Instant now = clock.instant();
    TakeoverResult result =
        live.takeOver(
                new Takeover(
                    client.clientId(),
                    family,
                    task(),
                    address,
                    now,
                    now.plus(Duration.ofHours(1)),
                    counter))
            .toCompletableFuture()
            .join();
    return ((TakeoverResult.Taken) result).owner();
  }

  private static TaskId task() {
    byte[] id = new byte[16];
    new SecureRandom().nextBytes(id);
    return new TaskId(HexFormat.of().formatHex(id));
  }
}
