package dev.rendezvous.client.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.client.RendezvousClient;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.protocol.identity.PulseMacKey;
import dev.rendezvous.protocol.v2.PulseV2Reply;
import dev.rendezvous.protocol.v2.PulseV2ReplyCodec;
import dev.rendezvous.protocol.v2.PulseV2Request;
import dev.rendezvous.protocol.v2.PulseV2RequestCodec;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An attacker who can send datagrams from the edge's address (or any other) but does not hold the
 * client's key cannot make the SDK believe it is gone or PENDING, nor feed it an old reply. The
 * "edge" here is a socket the test drives by hand, so it can answer both genuinely (with the
 * client's MAC key, as the real edge does) and as an attacker.
 */
class ForgedRepliesTest {
  private final ClientCredentials me =
      ClientCredentials.of(new CredentialFactory().issue().privateKey());
  private final PulseMacKey macKey = me.privateKey().pulseMacKey();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private DatagramSocket edge;
  private DatagramSocket elsewhere;
  private RendezvousSession session;

  @BeforeEach
  void open() throws Exception {
    edge = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    edge.setSoTimeout(5000);
    elsewhere = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    SessionConfig config =
        SessionConfig.defaults((InetSocketAddress) edge.getLocalSocketAddress())
            .withInterval(Duration.ofSeconds(30))
            .withReplyTimeout(Duration.ofSeconds(5))
            .withUnansweredBeforeVerify(1000);
    RendezvousClient client =
        new RendezvousClient(URI.create("http://127.0.0.1:" + closedPort), config);
    session =
        client.openSession(
            me,
            new SessionListener() {
              @Override
              public void onPulseAccepted(PulseReply reply) {
                events.add("accepted");
              }

              @Override
              public void onVerified(boolean revived, String why) {
                events.add("verify");
              }

              @Override
              public void onClientGone(String reason) {
                events.add("gone");
              }
            });
  }

  @AfterEach
  void close() {
    session.close();
    edge.close();
    elsewhere.close();
  }

  @Test
  void onlyAGenuineReplyToAnOutstandingPulseCounts() throws Exception {
    DatagramPacket pulse = new DatagramPacket(new byte[2048], 2048);
    edge.receive(pulse);
    byte[] datagram = java.util.Arrays.copyOf(pulse.getData(), pulse.getLength());
    PulseV2Request request = PulseV2RequestCodec.decode(datagram);
    assertThat(request.isAuthenticBy(macKey)).isTrue();
    InetSocketAddress client = (InetSocketAddress) pulse.getSocketAddress();
    long counter = request.counter();
    PulseMacKey attackerKey = new CredentialFactory().issue().privateKey().pulseMacKey();

    // a forged "you are gone" and a forged "PENDING", from the edge's own address
    send(edge, client, reply(ResponseCode.UNKNOWN, counter, client), attackerKey);
    send(edge, client, reply(ResponseCode.PENDING, counter, client), attackerKey);
    // genuine MAC, but for a pulse that was never sent
    send(edge, client, reply(ResponseCode.UNKNOWN, counter + 1000, client), macKey);
    // genuine reply, but from somewhere that is not the edge
    send(elsewhere, client, reply(ResponseCode.UNKNOWN, counter, client), macKey);
    Thread.sleep(500);
    assertThat(events).isEmpty();
    assertThat(session.state()).isNotEqualTo(SessionState.GONE);

    // the genuine reply is accepted, once; the same datagram replayed changes nothing
    byte[] genuine =
        PulseV2ReplyCodec.encode(reply(ResponseCode.ACCEPTED, counter, client), macKey);
    edge.send(new DatagramPacket(genuine, genuine.length, client));
    assertThat(session.firstAccepted().get(5, TimeUnit.SECONDS)).isNotNull();
    edge.send(new DatagramPacket(genuine, genuine.length, client));
    Thread.sleep(300);
    assertThat(events).containsExactly("accepted");
    assertThat(session.publicMapping()).contains(client);
  }

  private static PulseV2Reply reply(ResponseCode code, long counter, InetSocketAddress seen) {
    return new PulseV2Reply(code, counter, seen.getAddress(), seen.getPort());
  }

  private static void send(
      DatagramSocket from, InetSocketAddress to, PulseV2Reply reply, PulseMacKey key)
      throws Exception {
    byte[] bytes = PulseV2ReplyCodec.encode(reply, key);
    from.send(new DatagramPacket(bytes, bytes.length, to));
  }
}
