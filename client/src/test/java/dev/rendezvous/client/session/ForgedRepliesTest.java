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
import dev.rendezvous.testkit.ManualScheduler;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
  private final ManualScheduler timers = ManualScheduler.startingAt(Instant.now());
  private DatagramSocket edge;
  private DatagramSocket elsewhere;
  private RendezvousClient client;
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
    // Virtual time: no scheduled pulse or reply timeout interferes with the edge this test plays.
    client =
        RendezvousClient.builder(URI.create("http://127.0.0.1:" + closedPort), config)
            .timers(timers)
            .clock(timers.clock())
            .build();
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
    client.close();
    edge.close();
    elsewhere.close();
  }

  /** Receives the session's next pulse at the edge; checks it is genuine. */
  private PulseV2Request receivePulse(DatagramPacket pulse) throws Exception {
    edge.receive(pulse);
    PulseV2Request request =
        PulseV2RequestCodec.decode(Arrays.copyOf(pulse.getData(), pulse.getLength()));
    assertThat(request.isAuthenticBy(macKey)).isTrue();
    return request;
  }

  @Test
  void onlyAGenuineReplyToAnOutstandingPulseCounts() throws Exception {
    timers.runDueTasks(); // the first pulse
    DatagramPacket pulse = new DatagramPacket(new byte[2048], 2048);
    long counter = receivePulse(pulse).counter();
    InetSocketAddress client = (InetSocketAddress) pulse.getSocketAddress();
    PulseMacKey attackerKey = new CredentialFactory().issue().privateKey().pulseMacKey();

    // a forged "you are gone" and a forged "PENDING", from the edge's own address
    send(edge, client, reply(ResponseCode.UNKNOWN, counter, client), attackerKey);
    send(edge, client, reply(ResponseCode.PENDING, counter, client), attackerKey);
    // genuine MAC, but for a pulse that was never sent
    send(edge, client, reply(ResponseCode.UNKNOWN, counter + 1000, client), macKey);
    // genuine reply, but from somewhere that is not the edge
    send(elsewhere, client, reply(ResponseCode.UNKNOWN, counter, client), macKey);

    // the genuine reply, sent after the forgeries, is the first thing the session acts on
    byte[] genuine =
        PulseV2ReplyCodec.encode(reply(ResponseCode.ACCEPTED, counter, client), macKey);
    edge.send(new DatagramPacket(genuine, genuine.length, client));
    assertThat(session.firstAccepted().get(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(events).containsExactly("accepted");
    assertThat(session.state()).isEqualTo(SessionState.ONLINE);
    assertThat(session.publicMapping()).contains(client);

    // the same datagram replayed changes nothing: the next pulse's reply is the next event
    edge.send(new DatagramPacket(genuine, genuine.length, client));
    CompletableFuture<PulseReply> next = session.pulseNow();
    long nextCounter = receivePulse(pulse).counter();
    send(edge, client, reply(ResponseCode.ACCEPTED, nextCounter, client), macKey);
    assertThat(next.get(5, TimeUnit.SECONDS).code()).isEqualTo(ResponseCode.ACCEPTED);
    assertThat(events).containsExactly("accepted", "accepted");
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
