package dev.rendezvous.client.call;

import static dev.rendezvous.client.call.CallTestSupport.bytes;
import static dev.rendezvous.client.call.CallTestSupport.connected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.client.punch.PunchOptions;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two sides of a call punch at once over real loopback sockets and talk through sealed messages; a
 * third socket plays the attacker: a stranger's PUNCH, a forged DATA with the link's tag, and a
 * replayed genuine DATA are all dropped, and the link keeps working.
 */
class CallPuncherTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private final byte[] pairKey = new byte[32];
  private Peer alice;
  private Peer bob;

  @BeforeEach
  void start() throws Exception {
    new SecureRandom().nextBytes(pairKey);
    alice = new Peer();
    bob = new Peer();
  }

  @AfterEach
  void stop() {
    alice.close();
    bob.close();
  }

  @Test
  void bothSidesConnectAndDataFlowsBothWays() throws Exception {
    var calling = alice.start(bob, pairKey, true);
    var answering = bob.start(alice, pairKey, false);
    SecureLink a = connected(calling.get(5, TimeUnit.SECONDS));
    SecureLink b = connected(answering.get(5, TimeUnit.SECONDS));
    a.send(bytes("to bob"));
    assertThat(b.receive(WAIT).map(CallTestSupport::text)).contains("to bob");
    b.send(bytes("to alice"));
    assertThat(a.receive(WAIT).map(CallTestSupport::text)).contains("to alice");
    assertThat(alice.sent)
        .allSatisfy(
            d -> assertThat(new String(d, StandardCharsets.ISO_8859_1)).doesNotContain("to bob"));
  }

  @Test
  void strangersForgersAndReplayersAreIgnoredAndTheLinkSurvives() throws Exception {
    var calling = alice.start(bob, pairKey, true);
    var answering = bob.start(alice, pairKey, false);
    SecureLink a = connected(calling.get(5, TimeUnit.SECONDS));
    SecureLink b = connected(answering.get(5, TimeUnit.SECONDS));
    a.send(bytes("genuine"));
    assertThat(b.receive(WAIT).map(CallTestSupport::text)).contains("genuine");
    byte[] captured = alice.sent.get(alice.sent.size() - 1);

    try (DatagramSocket mallory = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      mallory.setSoTimeout(500);
      byte[] otherKey = new byte[32];
      new SecureRandom().nextBytes(otherKey);
      LinkKeys stranger = LinkKeys.derive(otherKey, true);
      byte[] strangerPunch =
          SecureMessage.seal(
              SecureMessage.TYPE_PUNCH, stranger.tag(), 1, new byte[0], stranger.sendKey());
      LinkKeys guessed = LinkKeys.derive(pairKey, false); // right tag, but sealed by nobody
      byte[] forged = captured.clone();
      forged[forged.length - 20] ^= 0x55;
      byte[] wrongKey =
          SecureMessage.seal(SecureMessage.TYPE_DATA, guessed.tag(), 999, bytes("evil"), otherKey);
      for (byte[] attack : new byte[][] {strangerPunch, forged, wrongKey, captured, captured}) {
        mallory.send(new DatagramPacket(attack, attack.length, bob.address()));
      }
      DatagramPacket answer = new DatagramPacket(new byte[2048], 2048);
      boolean answered;
      try {
        mallory.receive(answer);
        answered = true;
      } catch (SocketTimeoutException expected) {
        answered = false;
      }
      assertThat(answered).as("bob never answers the stranger's PUNCH").isFalse();
    }
    assertThat(b.receive(Duration.ofMillis(500))).as("nothing forged or replayed").isEmpty();
    assertThat(b.remote()).as("the link still points at alice").isEqualTo(alice.address());
    a.send(bytes("still here"));
    assertThat(b.receive(WAIT).map(CallTestSupport::text)).contains("still here");
    b.send(bytes("me too"));
    assertThat(a.receive(WAIT).map(CallTestSupport::text)).contains("me too");
  }

  @Test
  void aPeerWithAnotherPairKeyNeverConnects() throws Exception {
    byte[] otherKey = pairKey.clone();
    otherKey[0] ^= 1;
    PunchOptions quick = PunchOptions.defaults().withTimeout(Duration.ofSeconds(2));
    var a = alice.start(bob, pairKey, true, quick);
    var b = bob.start(alice, otherKey, false, quick);
    CallResult result = a.get(15, TimeUnit.SECONDS);
    assertThat(result).isInstanceOf(CallResult.Failed.class);
    assertThat(((CallResult.Failed) result).reason()).isEqualTo(CallFailure.NO_REPLY);
    assertThat(b.get(15, TimeUnit.SECONDS)).isInstanceOf(CallResult.Failed.class);
  }
}
