package dev.rendezvous.client.http;

import static dev.rendezvous.client.http.ApiFailures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.client.ServerClock;
import dev.rendezvous.client.testserver.TestRendezvousServer;
import dev.rendezvous.core.registry.ObservedAddress;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.identity.PrivateKey;
import dev.rendezvous.testkit.MutableClock;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RendezvousHttpApiTest {
  private final MutableClock serverClock = MutableClock.followingSystemTime();
  private TestRendezvousServer server;
  private ServerClock clientClock;
  private final ExecutorService httpThreads = Executors.newFixedThreadPool(2);
  private RendezvousHttpApi api;

  @BeforeEach
  void start() throws Exception {
    server = TestRendezvousServer.start(new PulseTimings(30, 5, 180), serverClock);
    clientClock = new ServerClock(Clock.systemUTC());
    api = new RendezvousHttpApi(server.baseUrl(), clientClock, httpThreads);
  }

  @AfterEach
  void stop() {
    server.close();
    httpThreads.shutdown();
  }

  @Test
  void registersAndCorrectsTheClockFromTheTimestamp() {
    serverClock.advance(Duration.ofMinutes(10));
    Responses.Registered reg = api.register().join();
    assertThat(reg.identity().clientId()).isEqualTo(reg.identity().privateKey().clientId());
    assertThat(server.registry().find(reg.identity().clientId())).isPresent();
    assertThat(clientClock.isCorrected()).isTrue();
    assertThat(clientClock.offsetMillis()).isBetween(590_000L, 610_000L);
  }

  @Test
  void verifySaysFalseForAnOnlineClientAndTrueForAPendingOne() {
    ClientCredentials me = api.register().join().identity();
    assertThat(api.verify(me).join().revived()).isFalse();
    serverClock.advance(Duration.ofSeconds(40));
    Responses.Verified v = api.verify(me).join();
    assertThat(v.revived()).isTrue();
    assertThat(v.clientId()).isEqualTo(me.clientId());
  }

  @Test
  void logoutMakesTheKeyUnauthorized() {
    ClientCredentials me = api.register().join().identity();
    assertThat(api.logout(me).join()).isEqualTo(me.clientId());
    ApiException e = failure(() -> api.verify(me).join());
    assertThat(e.isUnauthorized()).isTrue();
    assertThat(e.errorCode()).contains("unauthorized");
  }

  @Test
  void peerLookupsReportNotFoundThenTheAddressAndStatus() {
    ClientCredentials me = api.register().join().identity();
    ClientCredentials peer = api.register().join().identity();
    ApiException unknown =
        failure(() -> api.peerStatus(me, ClientId.parse("00".repeat(16))).join());
    assertThat(unknown.isNotFound()).isTrue();
    assertThat(failure(() -> api.peerAddress(me, peer.clientId()).join()).isNotFound()).isTrue();

    Responses.PeerStatus before = api.peerStatus(me, peer.clientId()).join();
    assertThat(before.status()).isEqualTo(Responses.Liveness.ONLINE);
    assertThat(before.sinceLastPulse()).isEmpty();

    server.registry().recordPulse(peer.privateKey(), new ObservedAddress("198.51.100.7", 40000));
    Responses.PeerAddress address = api.peerAddress(me, peer.clientId()).join();
    assertThat(address.host()).isEqualTo("198.51.100.7");
    assertThat(address.port()).isEqualTo(40000);
    assertThat(api.peerStatus(me, peer.clientId()).join().sinceLastPulse()).isPresent();
  }

  @Test
  void anUnknownKeyIsUnauthorized() {
    ClientCredentials stranger = ClientCredentials.of(PrivateKey.parse("ab".repeat(32)));
    assertThat(failure(() -> api.logout(stranger).join()).status()).isEqualTo(401);
  }

  @Test
  void anUnreachableServiceIsATransportFailure() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    RendezvousHttpApi nowhere =
        new RendezvousHttpApi(
            URI.create("http://127.0.0.1:" + closedPort), clientClock, httpThreads);
    ApiException e = failure(() -> nowhere.register().join());
    assertThat(e.isTransportFailure()).isTrue();
    assertThat(e.getMessage()).contains("cannot reach");
  }
}
