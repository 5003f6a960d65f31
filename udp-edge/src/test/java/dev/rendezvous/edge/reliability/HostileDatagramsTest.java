package dev.rendezvous.edge.reliability;

import static dev.rendezvous.testkit.Await.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.core.directory.DirectoryEntry;
import dev.rendezvous.core.directory.OwnedState;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.timing.LivenessRules;
import dev.rendezvous.edge.Edge;
import dev.rendezvous.edge.EdgeOnDynaliteTest;
import dev.rendezvous.edge.EdgeSettings;
import dev.rendezvous.edge.UdpProbe;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.protocol.v1.PulseV1ReplyCodec;
import dev.rendezvous.protocol.v2.ChallengeNonce;
import dev.rendezvous.protocol.v2.PulseV2ChallengeCodec;
import dev.rendezvous.protocol.v2.PulseV2ReplyCodec;
import dev.rendezvous.protocol.v2.PulseV2RequestCodec;
import dev.rendezvous.store.dynamodb.DynamoClientRegistry;
import dev.rendezvous.store.dynamodb.DynamoLiveDirectory;
import dev.rendezvous.store.dynamodb.DynamoStoreSettings;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Hostile and malformed datagrams against the live edge on real sockets, over the real DynamoDB
 * directory on dynalite: nothing malformed, forged, replayed or stale gets a reply (nor a
 * challenge), the edge keeps serving, the victim's item in the directory does not change at all,
 * and its owner's exact state moves only with its own next pulse.
 *
 * <p>Every datagram sent is accounted for: the edge's counters (replies, challenges and drops of
 * each reason) must grow by exactly the number sent, so a datagram lost in a socket buffer cannot
 * pass for one the edge rejected.
 */
class HostileDatagramsTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();

  private static final Duration REPLY_WAIT = Duration.ofSeconds(5);
  private static final Duration STRAY_REPLY_WAIT = Duration.ofSeconds(1);
  private static final Duration ACCOUNTING_WAIT = Duration.ofSeconds(20);
  private static final int CHUNK = 64;
  private static final long SEED = 20261126L;

  private static final Clock CLOCK = Clock.systemUTC();
  private static final CredentialFactory CREDENTIALS = new CredentialFactory();
  private static DynamoDbAsyncClient async;
  private static DynamoClientRegistry registry;
  private static Edge edge;

  private ClientCredentials victim;
  private UdpProbe victimSocket;
  private long acceptedCounter;
  private DirectoryEntry victimBeforeAttack;

  @BeforeAll
  static void startEdge() throws InterruptedException {
    Map<String, String> env = new HashMap<>(EdgeOnDynaliteTest.environment());
    // Real time and default timings: the victim stays ONLINE for the whole test.
    env.put("RENDEZVOUS_PULSE_INTERVAL_SECONDS", "30");
    env.put("RENDEZVOUS_GRACE_SECONDS", "5");
    env.put("RENDEZVOUS_ERROR_TIME_SECONDS", "180");
    EdgeSettings settings = EdgeSettings.fromEnvironment(env);
    DynamoStoreSettings store = DynamoStoreSettings.forTable(DYNALITE.createTable());
    LivenessRules rules = new LivenessRules(settings.shared().timings());
    registry = new DynamoClientRegistry(DYNALITE.syncClient(), store, rules, CLOCK);
    async = DYNALITE.newAsyncClient(64);
    edge = Edge.start(settings, new DynamoLiveDirectory(async, store, rules, CLOCK), CLOCK);
  }

  @AfterAll
  static void stopEdge() {
    edge.close();
    async.close();
  }

  /**
   * A registered client that has pulsed once (v2: challenged, answered, accepted) from its own
   * socket, so the edge owns it.
   */
  @BeforeEach
  void registerAnOnlineVictim() {
    victim = CREDENTIALS.issue();
    registry.register(victim);
    victimSocket = new UdpProbe(edge.udpPort());
    long first = CLOCK.millis();
    byte[] challenge = victimSocket.exchange(v2Pulse(first), REPLY_WAIT);
    assertThat(PulseV2ChallengeCodec.looksLikeChallenge(challenge)).as("a challenge").isTrue();
    ChallengeNonce nonce =
        PulseV2ChallengeCodec.decode(challenge, victim.privateKey().pulseMacKey()).nonce();
    acceptedCounter = first + 1;
    byte[] reply =
        victimSocket.exchange(
            PulseV2RequestCodec.encode(
                victim.clientId(),
                acceptedCounter,
                victim.privateKey().pulseMacKey(),
                false,
                nonce),
            REPLY_WAIT);
    assertThat(PulseV2ReplyCodec.decode(reply, victim.privateKey().pulseMacKey()).code())
        .isEqualTo(ResponseCode.ACCEPTED);
    victimBeforeAttack = registry.find(victim.clientId()).orElseThrow();
    assertThat(victimBeforeAttack.latestAddress())
        .contains(new ObservedAddress("127.0.0.1", victimSocket.localPort()));
  }

  @AfterEach
  void closeVictim() {
    victimSocket.close();
  }

  @Test
  void randomDatagramsOfEveryLengthGetSilenceExcept32ByteV1RequestsForUnknownKeys() {
    Random random = new Random(SEED);
    List<byte[]> junk = new ArrayList<>();
    for (int length = 0; length <= 1500; length++) {
      byte[] d = new byte[length];
      random.nextBytes(d);
      if (length == 64) {
        for (int i = 0; i < d.length; i++) {
          d[i] = (byte) (d[i] | 0x80); // never an ASCII hex digit: not the v1 hex form
        }
      }
      junk.add(d);
    }
    // Exactly one of them (32 bytes) is a well-formed v1 request, for a key nobody registered.
    assertHostileTrafficIsHarmless(junk, 1);
  }

  @Test
  void everyPrefixAndOneByteExtensionOfValidPulsesGetsSilence() {
    byte[] raw = victim.privateKey().toBytes();
    byte[] hex = victim.privateKey().revealHex().getBytes(StandardCharsets.US_ASCII);
    byte[] v2 = v2Pulse(acceptedCounter + 1);
    List<byte[]> bad = new ArrayList<>();
    int wellFormed32 = 0;
    for (byte[] valid : List.of(raw, hex, v2)) {
      for (int length = 0; length < valid.length; length++) {
        bad.add(Arrays.copyOf(valid, length));
        if (length == 32) {
          wellFormed32++; // 32 bytes of anything is a v1 RAW request (for an unknown key)
        }
      }
      for (int extra = 0; extra < 256; extra++) {
        byte[] longer = Arrays.copyOf(valid, valid.length + 1);
        longer[valid.length] = (byte) extra;
        bad.add(longer);
      }
    }
    assertThat(wellFormed32).as("the 32-byte prefixes of the hex and v2 forms").isEqualTo(2);
    assertHostileTrafficIsHarmless(bad, wellFormed32);
  }

  @Test
  void everySingleBitFlipOfAValidV2PulseGetsSilence() {
    byte[] valid = v2Pulse(acceptedCounter + 1);
    List<byte[]> flipped = new ArrayList<>();
    for (int bit = 0; bit < valid.length * 8; bit++) {
      byte[] d = valid.clone();
      d[bit / 8] ^= (byte) (1 << (bit % 8));
      flipped.add(d); // header, client_id, counter, reserved or MAC tampered
    }
    assertHostileTrafficIsHarmless(flipped, 0);
  }

  @Test
  void forgedMacsGetSilence() {
    List<byte[]> forged = new ArrayList<>();
    Random random = new Random(SEED + 1);
    for (int i = 0; i < 200; i++) {
      byte[] d = v2Pulse(acceptedCounter + 1 + i);
      byte[] mac = new byte[16];
      random.nextBytes(mac);
      System.arraycopy(mac, 0, d, 44, 16);
      forged.add(d);
    }
    // A MAC made with another client's key, for the victim's client_id.
    ClientCredentials other = CREDENTIALS.issue();
    forged.add(
        PulseV2RequestCodec.encode(
            victim.clientId(), acceptedCounter + 1, other.privateKey().pulseMacKey()));
    assertHostileTrafficIsHarmless(forged, 0);
  }

  @Test
  void replaysFromTheClientOrSpoofedSourcesNeitherAnswerNorMoveTheAddress() {
    byte[] accepted = v2Pulse(acceptedCounter);
    byte[] older = v2Pulse(acceptedCounter - 1);
    try (SpoofedSource other = new SpoofedSource("127.0.0.2", edge.udpPort())) {
      List<byte[]> fromAttacker = List.of(accepted, older, accepted);
      awaitIdle();
      long base = handledDatagrams();
      // The exact datagram replayed from the client's own socket...
      victimSocket.send(accepted);
      victimSocket.send(older);
      // ...and from another address (another host on the path, or a spoofed source).
      for (byte[] d : fromAttacker) {
        other.send(d);
      }
      awaitHandled(base + 2 + fromAttacker.size());
      assertThat(other.receiveAll(STRAY_REPLY_WAIT)).as("replies to the other source").isEmpty();
      assertThat(victimSocket.receive(Duration.ofMillis(1))).as("reply to the replay").isNull();
      assertThat(handledDatagrams()).isEqualTo(base + 2 + fromAttacker.size());
    }
    assertAttackLeftNoTrace();
  }

  @Test
  void countersOutsideTheSkewWindowGetSilence() {
    long skewMillis = Duration.ofMinutes(5).toMillis(); // RENDEZVOUS_V2_MAX_SKEW_SECONDS default
    long now = CLOCK.millis();
    List<byte[]> stale =
        List.of(
            v2Pulse(now - skewMillis - 5_000), // stale
            v2Pulse(now + skewMillis + 5_000), // from the future
            v2Pulse(now + Duration.ofDays(365).toMillis()),
            v2Pulse(1), // the epoch
            v2Pulse(Long.MAX_VALUE),
            v2Pulse(-1L)); // u64 max
    assertHostileTrafficIsHarmless(stale, 0);
  }

  // --- the harness -----------------------------------------------------------------------

  /**
   * Sends {@code bad} from an attacker socket (paced in chunks, each one accounted for by the
   * edge's counters), then waits {@link #STRAY_REPLY_WAIT} for any reply. Only the {@code
   * expectedUnknownReplies} 32-byte v1 requests may be answered, each with exactly 1060.
   */
  private void assertHostileTrafficIsHarmless(List<byte[]> bad, int expectedUnknownReplies) {
    awaitIdle(); // the victim's own 1020 is counted before the baseline is taken
    long unknownBefore = edge.metrics().replies(ResponseCode.UNKNOWN);
    long acceptedBefore = edge.metrics().replies(ResponseCode.ACCEPTED);
    long pendingBefore = edge.metrics().replies(ResponseCode.PENDING);
    long base = handledDatagrams();
    List<byte[]> replies = new ArrayList<>();
    try (SpoofedSource attacker = new SpoofedSource("127.0.0.1", edge.udpPort())) {
      for (int i = 0; i < bad.size(); i++) {
        attacker.send(bad.get(i));
        if ((i + 1) % CHUNK == 0 || i + 1 == bad.size()) {
          awaitHandled(base + i + 1); // pacing: never overrun the edge's socket buffer
          replies.addAll(attacker.drain());
        }
      }
      replies.addAll(attacker.receiveAll(STRAY_REPLY_WAIT));
    }
    assertThat(handledDatagrams() - base)
        .as("every datagram reached the edge and was answered or counted as a drop")
        .isEqualTo(bad.size());
    assertThat(replies).as("replies to hostile datagrams").hasSize(expectedUnknownReplies);
    for (byte[] reply : replies) {
      assertThat(reply).hasSize(PulseV1ReplyCodec.LENGTH);
      assertThat(PulseV1ReplyCodec.decode(reply)).isEqualTo(ResponseCode.UNKNOWN);
    }
    assertThat(edge.metrics().replies(ResponseCode.UNKNOWN) - unknownBefore)
        .isEqualTo(expectedUnknownReplies);
    assertThat(edge.metrics().replies(ResponseCode.ACCEPTED)).isEqualTo(acceptedBefore);
    assertThat(edge.metrics().replies(ResponseCode.PENDING)).isEqualTo(pendingBefore);
    assertThat(victimSocket.receive(Duration.ofMillis(1)))
        .as("nothing sent to the victim")
        .isNull();
    assertAttackLeftNoTrace();
  }

  /**
   * The victim's item is exactly what it was, its owner's exact state too, and the edge still
   * answers its next pulse (from memory: the owner's counter moves, the item does not).
   */
  private void assertAttackLeftNoTrace() {
    DirectoryEntry after = registry.find(victim.clientId()).orElseThrow();
    assertThat(after).as("stored client after the attack").isEqualTo(victimBeforeAttack);
    assertThat(after.latestAddress())
        .contains(new ObservedAddress("127.0.0.1", victimSocket.localPort()));
    assertThat(after.highestCounter()).isEqualTo(acceptedCounter);
    assertThat(owned().address())
        .isEqualTo(new ObservedAddress("127.0.0.1", victimSocket.localPort()));
    assertThat(owned().counter()).isEqualTo(acceptedCounter);

    long next = Math.max(CLOCK.millis(), acceptedCounter + 1);
    assertThat(goodV2Pulse(victimSocket, next))
        .as("the edge still serves")
        .isEqualTo(ResponseCode.ACCEPTED);
    assertThat(owned().counter()).isEqualTo(next);
  }

  /** The owner's exact state of the victim (through the same port the internal API serves). */
  private OwnedState owned() {
    try {
      List<OwnedState> states =
          edge.ownedClients()
              .lookUp(victim.clientId())
              .toCompletableFuture()
              .get(5, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(states).hasSize(1);
      return states.get(0);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private ResponseCode goodV2Pulse(UdpProbe socket, long counter) {
    byte[] reply = socket.exchange(v2Pulse(counter), REPLY_WAIT);
    assertThat(reply).as("a v2 reply").isNotNull();
    var decoded = PulseV2ReplyCodec.decode(reply, victim.privateKey().pulseMacKey());
    assertThat(decoded.counter()).isEqualTo(counter);
    return decoded.code();
  }

  private byte[] v2Pulse(long counter) {
    return PulseV2RequestCodec.encode(
        victim.clientId(), counter, victim.privateKey().pulseMacKey());
  }

  /** Replies, challenges and drops (any reason): one per datagram the edge read. */
  private static long handledDatagrams() {
    long replies = 0;
    for (ResponseCode code : ResponseCode.values()) {
      replies += edge.metrics().replies(code);
    }
    return replies + edge.metrics().challenges() + edge.metrics().allDrops();
  }

  private static void awaitIdle() {
    awaitUntil(ACCOUNTING_WAIT, () -> edge.inFlight() == 0, "no pulse in flight at the edge");
    assertThat(edge.inFlight()).as("pulses in flight").isZero();
  }

  private static void awaitHandled(long target) {
    awaitUntil(
        ACCOUNTING_WAIT,
        () -> handledDatagrams() >= target,
        "the edge to have handled " + target + " datagrams");
    assertThat(handledDatagrams())
        .as("datagrams the edge has handled")
        .isGreaterThanOrEqualTo(target);
  }

  /** A UDP socket on any loopback address (127.0.0.0/8 all reach the edge on Linux). */
  private static final class SpoofedSource implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress edgeAddress;

    SpoofedSource(String localAddress, int edgePort) {
      try {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.setReceiveBufferSize(1 << 20);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      edgeAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), edgePort);
    }

    void send(byte[] d) {
      try {
        socket.send(new DatagramPacket(d, d.length, edgeAddress));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Whatever has already arrived. */
    List<byte[]> drain() {
      return receiveAll(Duration.ofMillis(1));
    }

    /** Everything arriving within {@code wait} (one bounded wait in total, not per datagram). */
    List<byte[]> receiveAll(Duration wait) {
      List<byte[]> got = new ArrayList<>();
      long deadline = System.nanoTime() + wait.toNanos();
      byte[] buffer = new byte[2048];
      while (true) {
        long leftMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
        if (leftMillis < 1) {
          return got;
        }
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        try {
          socket.setSoTimeout((int) leftMillis);
          socket.receive(p);
          got.add(Arrays.copyOf(buffer, p.getLength()));
        } catch (SocketTimeoutException e) {
          return got;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}
