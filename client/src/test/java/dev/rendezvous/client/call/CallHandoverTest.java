package dev.rendezvous.client.call;

import static dev.rendezvous.client.call.CallTestSupport.bytes;
import static dev.rendezvous.client.call.CallTestSupport.connected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.client.punch.PunchOptions;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A call link survives a handover: one side moves to a new socket (a new port, as a phone's mapping
 * moves from Wi-Fi to cellular) and the link is punched again with sealed messages, on a trigger or
 * on silence; the other side follows, data flows both ways, and neither a replay from the old
 * address nor a late or replayed message from a third address ever moves the link.
 */
class CallHandoverTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private final byte[] pairKey = new byte[32];
  private Peer alice;
  private Peer bob;
  private SecureLink a;
  private SecureLink b;

  @BeforeEach
  void connect() throws Exception {
    connect(PunchOptions.defaults());
  }

  private void connect(PunchOptions options) throws Exception {
    new SecureRandom().nextBytes(pairKey);
    alice = new Peer();
    bob = new Peer();
    var calling = alice.start(bob, pairKey, true, options);
    var answering = bob.start(alice, pairKey, false, options);
    a = connected(calling.get(5, TimeUnit.SECONDS));
    b = connected(answering.get(5, TimeUnit.SECONDS));
  }

  @AfterEach
  void stop() {
    alice.close();
    bob.close();
  }

  @Test
  void aRebindFollowedByARepunchMovesTheLinkAndDataFlowsBothWays() throws Exception {
    InetSocketAddress old = bob.address();
    bob.rebind();
    InetSocketAddress moved = bob.address();
    assertThat(moved).isNotEqualTo(old);
    assertThat(a.remote()).isEqualTo(old);

    bob.puncher.repunchAll(); // what the session's Handover does on a new mapping or local address

    waitUntil(WAIT, () -> a.remote().equals(moved));
    waitUntil(WAIT, () -> !bob.moves.isEmpty());
    assertThat(bob.moves.get(0).local()).isEqualTo(moved);
    assertThat(bob.moves.get(0).remote()).isEqualTo(alice.address());
    assertThat(bob.moves.get(0).seenByPeer()).contains(moved);
    assertThat(b.path()).isEqualTo(bob.moves.get(0));
    assertTalking();
  }

  @Test
  void theMovedSidesFirstAuthenticMessageMovesTheLinkWithoutATrigger() throws Exception {
    stop();
    connect(PunchOptions.defaults().withKeepalive(Duration.ofSeconds(1)));
    bob.rebind(); // nobody tells bob's puncher; its next keepalive leaves from the new socket

    waitUntil(WAIT, () -> a.remote().equals(bob.address()));
    assertThat(a.isOpen()).isTrue();
    assertThat(b.isOpen()).isTrue();
    assertTalking();
  }

  @Test
  void aSilentLinkAsksForAPulseAndIsPunchedAgain() throws Exception {
    stop();
    connect(PunchOptions.defaults().withKeepalive(Duration.ofSeconds(1)));
    bob.close(); // the peer vanishes: alice hears nothing for two keepalives and a second
    int before = alice.sent.size();

    waitUntil(WAIT, () -> alice.pulses.get() > 0);
    waitUntil(WAIT, () -> punchesSince(alice, before) >= 3);
    assertThat(a.isOpen()).as("open until the re-punch gives up (30 s)").isTrue();
  }

  private static long punchesSince(Peer peer, int index) {
    return peer.sent.subList(index, peer.sent.size()).stream()
        .filter(d -> d[4] == SecureMessage.TYPE_PUNCH)
        .count();
  }

  @Test
  void replaysAndLateMessagesFromOtherAddressesNeverMoveTheLink() throws Exception {
    b.send(bytes("genuine"));
    assertThat(a.receive(WAIT).map(CallTestSupport::text)).contains("genuine");
    byte[] replayed = bob.sent.get(bob.sent.size() - 1);
    byte[] late = b.state().seal(SecureMessage.TYPE_DATA, bytes("late")); // authentic, never sent
    b.send(bytes("newer"));
    assertThat(a.receive(WAIT).map(CallTestSupport::text)).contains("newer");
    InetSocketAddress old = bob.address();
    bob.rebind();

    try (DatagramSocket mallory = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        DatagramSocket oldPort = bindWhenReleased(old)) {
      for (byte[] attack : new byte[][] {replayed, replayed}) {
        oldPort.send(new DatagramPacket(attack, attack.length, alice.address()));
        mallory.send(new DatagramPacket(attack, attack.length, alice.address()));
      }
      mallory.send(new DatagramPacket(late, late.length, alice.address()));
      assertThat(a.receive(WAIT).map(CallTestSupport::text))
          .as("a late authentic message is delivered once")
          .contains("late");
      assertThat(a.receive(Duration.ofMillis(300))).as("no replay is delivered").isEmpty();
      assertThat(a.remote()).as("nothing but the newest message moves the link").isEqualTo(old);

      bob.puncher.repunchAll();
      waitUntil(WAIT, () -> a.remote().equals(bob.address()));
      oldPort.send(new DatagramPacket(replayed, replayed.length, alice.address()));
      mallory.send(new DatagramPacket(late, late.length, alice.address()));
      assertThat(a.receive(Duration.ofMillis(300))).isEmpty();
      assertThat(a.remote()).isEqualTo(bob.address());
    }
    assertTalking();
  }

  private static void waitUntil(Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - end).as("timed out waiting").isNegative();
      Thread.sleep(20);
    }
  }

  private void assertTalking() throws Exception {
    a.send(bytes("to bob"));
    assertThat(b.receive(WAIT).map(CallTestSupport::text)).contains("to bob");
    b.send(bytes("to alice"));
    assertThat(a.receive(WAIT).map(CallTestSupport::text)).contains("to alice");
  }

  /**
   * Binds {@code address} once its previous socket has let go of it: closing a socket whose reader
   * thread is blocked in receive releases the port only when that thread returns.
   */
  private static DatagramSocket bindWhenReleased(InetSocketAddress address) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        return new DatagramSocket(address);
      } catch (BindException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }
}
