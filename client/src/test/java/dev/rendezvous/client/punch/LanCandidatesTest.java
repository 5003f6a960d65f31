package dev.rendezvous.client.punch;

import static dev.rendezvous.testkit.Await.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.client.http.Candidate;
import dev.rendezvous.client.http.Responses;
import dev.rendezvous.client.session.RecordingListener;
import dev.rendezvous.client.session.RendezvousSession;
import dev.rendezvous.client.session.SessionConfig;
import dev.rendezvous.core.directory.LanCandidates;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.net.HostText;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LAN candidates between two real sessions on this host, through the real test server: both pulse
 * from 127.0.0.1 (one "public" address, as two phones behind one NAT), so each sees the other's LAN
 * addresses (this host's non-loopback addresses), and the punch keeps a LAN path over the loopback
 * "mapping" that also answers.
 */
class LanCandidatesTest extends TwoClientsOnTestServer {
  @BeforeEach
  void start() throws Exception {
    Assumptions.assumeFalse(
        hostAddresses().isEmpty(), "this host has no non-loopback address to be a LAN candidate");
    startServerAndClients(
        () -> SessionConfig.defaults(server.edge()).withReplyTimeout(Duration.ofMillis(300)));
  }

  @Test
  void aSessionReportsTheLanAddressesOfItsSocketAfterItsFirstPulse() throws Exception {
    try (RendezvousSession a = client.openSession(alice, new RecordingListener())) {
      a.firstAccepted().get(5, TimeUnit.SECONDS);
      LanCandidates stored = reported(alice);
      List<ObservedAddress> expected = new ArrayList<>();
      for (String host : hostAddresses()) {
        expected.add(new ObservedAddress(host, a.localAddress().getPort()));
      }
      assertThat(stored.behind()).contains("127.0.0.1");
      assertThat(stored.addresses())
          .containsExactlyInAnyOrderElementsOf(
              expected.subList(0, Math.min(expected.size(), LanCandidates.MAX)));
    }
  }

  @Test
  void peersBehindOnePublicAddressKeepTheLanPath() throws Exception {
    try (RendezvousSession a = client.openSession(alice, new RecordingListener());
        RendezvousSession b = client.openSession(bob, new RecordingListener())) {
      a.firstAccepted().get(5, TimeUnit.SECONDS);
      b.firstAccepted().get(5, TimeUnit.SECONDS);
      reported(alice);
      reported(bob);
      Responses.PeerAddress seen =
          client.peerAddress(alice, bob.clientId()).get(5, TimeUnit.SECONDS);
      assertThat(seen.candidates().get(0).kind()).isEqualTo(Candidate.Kind.LAN);
      assertThat(seen.candidates().get(seen.candidates().size() - 1))
          .isEqualTo(
              new Candidate("127.0.0.1", b.localAddress().getPort(), Candidate.Kind.MAPPING));

      PunchOptions options = PunchOptions.defaults().withTimeout(Duration.ofSeconds(3));
      CompletableFuture<PunchResult> fromA = a.punch(bob.clientId(), options);
      CompletableFuture<PunchResult> fromB = b.punch(alice.clientId(), options);
      PunchResult ra = fromA.get(6, TimeUnit.SECONDS);
      assertThat(fromB.get(6, TimeUnit.SECONDS)).isInstanceOf(PunchResult.Success.class);
      PeerLink link = ((PunchResult.Success) ra).link();
      String remote = HostText.of(link.path().remote().getAddress());
      assertThat(hostAddresses()).as("the kept path is a LAN one").contains(remote);
      assertThat(link.path().remote().getPort()).isEqualTo(b.localAddress().getPort());
    }
  }

  private LanCandidates reported(ClientCredentials who) {
    awaitUntil(
        Duration.ofSeconds(5),
        () -> !stored(who).addresses().isEmpty(),
        "the LAN candidates of " + who.clientId());
    return stored(who);
  }

  private LanCandidates stored(ClientCredentials who) {
    return server
        .registry()
        .find(who.clientId())
        .map(e -> e.lanCandidates())
        .orElse(LanCandidates.NONE);
  }

  /** This host's addresses a neighbour could reach (IPv4 first), as the SDK gathers them. */
  private static List<String> hostAddresses() throws Exception {
    List<String> v4 = new ArrayList<>();
    List<String> v6 = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress ip : Collections.list(nic.getInetAddresses())) {
        if (ip.isLoopbackAddress() || ip.isLinkLocalAddress() || ip.isMulticastAddress()) {
          continue;
        }
        (ip.getAddress().length == 4 ? v4 : v6).add(HostText.of(ip));
      }
    }
    v4.addAll(v6);
    return v4;
  }
}
