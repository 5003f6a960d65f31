package dev.rendezvous.client.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.client.ServerClock;
import dev.rendezvous.client.http.RendezvousHttpApi;
import dev.rendezvous.client.session.NatMapping;
import dev.rendezvous.protocol.call.CallId;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.protocol.v2.PunchNowAckCodec;
import dev.rendezvous.protocol.v2.PunchNowCodec;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the SDK does with a PUNCH_NOW: an authentic, fresh one is acknowledged to the edge (over a
 * real socket) and rings the app once; a replay is acknowledged again but never rings twice; one
 * with a bad MAC or an old call is ignored entirely.
 */
class PunchNowHandlingTest {
  private final ClientCredentials me = new CredentialFactory().issue();
  private final ClientCredentials caller = new CredentialFactory().issue();
  private final ServerClock clock = new ServerClock(Clock.systemUTC());
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final List<IncomingCall> rung = new CopyOnWriteArrayList<>();
  private final DatagramSocket edge;
  private final DatagramSocket mine;
  private final Calls calls;

  PunchNowHandlingTest() throws Exception {
    edge = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    edge.setSoTimeout(300);
    mine = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    RendezvousHttpApi api =
        new RendezvousHttpApi(URI.create("http://127.0.0.1:9/"), clock, Runnable::run);
    calls =
        new Calls(
            new Env(api),
            timers,
            Runnable::run,
            (to, datagram) -> mine.send(new DatagramPacket(datagram, datagram.length, to)),
            rung::add,
            (peer, path) -> {});
  }

  @AfterEach
  void stop() {
    calls.close();
    timers.shutdownNow();
    edge.close();
    mine.close();
  }

  @Test
  void anAuthenticPushIsAcknowledgedAndRingsOnceEvenWhenReplayed() throws Exception {
    CallId call = call(clock.nowMillis());
    byte[] push = PunchNowCodec.encode(call, me.privateKey().pulseMacKey());
    calls.onPunchNow(edgeAddress(), push);
    assertThat(acknowledged()).isEqualTo(call);
    calls.onPunchNow(edgeAddress(), push.clone()); // the edge's retry, or an attacker's replay
    assertThat(acknowledged()).as("acknowledged again, so the edge stops").isEqualTo(call);
    assertThat(rung).hasSize(1);
    assertThat(rung.get(0).caller()).isEqualTo(caller.clientId());
  }

  @Test
  void aPushWithABadMacOrAnOldCallIsIgnored() throws Exception {
    byte[] forged =
        PunchNowCodec.encode(call(clock.nowMillis()), caller.privateKey().pulseMacKey());
    calls.onPunchNow(edgeAddress(), forged);
    byte[] stale =
        PunchNowCodec.encode(
            call(clock.nowMillis() - Calls.CALL_LIFETIME_MILLIS - 1_000),
            me.privateKey().pulseMacKey());
    calls.onPunchNow(edgeAddress(), stale);
    byte[] garbage = new byte[PunchNowCodec.LENGTH];
    calls.onPunchNow(edgeAddress(), garbage);
    assertThat(acknowledged()).isNull();
    assertThat(rung).isEmpty();
  }

  private InetSocketAddress edgeAddress() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), edge.getLocalPort());
  }

  private CallId call(long issuedAtMillis) {
    return CallId.of(issuedAtMillis, caller.clientId(), new byte[CallId.TAG_LENGTH]);
  }

  /** The call the next datagram at the edge acknowledges (checked with my key), or null. */
  private CallId acknowledged() throws Exception {
    DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
    try {
      edge.receive(packet);
    } catch (SocketTimeoutException e) {
      return null;
    }
    byte[] datagram = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
    PunchNowAckCodec.PunchNowAck ack = PunchNowAckCodec.decode(datagram);
    assertThat(ack.clientId()).isEqualTo(me.clientId());
    assertThat(ack.authenticatedBy(me.privateKey().pulseMacKey())).isTrue();
    return ack.call();
  }

  private final class Env implements Calls.Environment {
    private final RendezvousHttpApi api;

    Env(RendezvousHttpApi api) {
      this.api = api;
    }

    @Override
    public ClientCredentials identity() {
      return me;
    }

    @Override
    public RendezvousHttpApi api() {
      return api;
    }

    @Override
    public ServerClock clock() {
      return clock;
    }

    @Override
    public CompletableFuture<NatMapping> probeNat() {
      return new CompletableFuture<>();
    }

    @Override
    public InetSocketAddress localAddress() {
      return (InetSocketAddress) mine.getLocalSocketAddress();
    }

    @Override
    public Optional<InetSocketAddress> publicMapping() {
      return Optional.empty();
    }

    @Override
    public void pulseNow() {}

    @Override
    public boolean isOpen() {
      return true;
    }
  }
}
