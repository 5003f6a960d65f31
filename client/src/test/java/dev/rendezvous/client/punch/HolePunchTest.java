package dev.rendezvous.client.punch;

import static dev.rendezvous.testkit.Await.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.client.RendezvousClient;
import dev.rendezvous.client.session.RecordingListener;
import dev.rendezvous.client.session.RendezvousSession;
import dev.rendezvous.client.session.SessionConfig;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.testkit.ManualScheduler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hole punching between two real sessions on loopback, through the real test server. */
class HolePunchTest extends TwoClientsOnTestServer {
  @BeforeEach
  void start() throws Exception {
    startServerAndClients(this::config);
  }

  private SessionConfig config() {
    return SessionConfig.defaults(server.edge())
        .withProbeEdge(server.probeEdge())
        .withInterval(Duration.ofSeconds(1))
        .withReplyTimeout(Duration.ofMillis(300));
  }

  private static PunchOptions quick() {
    return PunchOptions.defaults().withTimeout(Duration.ofSeconds(2));
  }

  private static void awaitProgress(List<String> progress, String part) {
    awaitUntil(
        Duration.ofSeconds(10),
        () -> progress.stream().anyMatch(p -> p.contains(part)),
        "a progress line with '" + part + "'");
  }

  @Test
  void twoPeersPunchAndExchangeDataBothWays() throws Exception {
    try (RendezvousSession a = client.openSession(alice, new RecordingListener());
        RendezvousSession b = client.openSession(bob, new RecordingListener())) {
      a.firstAccepted().get(5, TimeUnit.SECONDS);
      b.firstAccepted().get(5, TimeUnit.SECONDS);
      CompletableFuture<PunchResult> fromA = a.punch(bob.clientId(), quick());
      CompletableFuture<PunchResult> fromB = b.punch(alice.clientId(), quick());
      PunchResult ra = fromA.get(5, TimeUnit.SECONDS);
      PunchResult rb = fromB.get(5, TimeUnit.SECONDS);
      assertThat(ra).isInstanceOf(PunchResult.Success.class);
      assertThat(rb).isInstanceOf(PunchResult.Success.class);
      PeerLink ab = ((PunchResult.Success) ra).link();
      PeerLink ba = ((PunchResult.Success) rb).link();
      assertThat(ab.path().remote().getPort()).isEqualTo(b.localAddress().getPort());
      assertThat(ba.path().remote().getPort()).isEqualTo(a.localAddress().getPort());
      assertThat(ab.path().localPublic()).isEqualTo(a.publicMapping());

      List<String> atBob = new CopyOnWriteArrayList<>();
      ba.onReceive(bytes -> atBob.add(new String(bytes, StandardCharsets.UTF_8)));
      ab.send("hello bob".getBytes(StandardCharsets.UTF_8));
      ba.send("hello alice".getBytes(StandardCharsets.UTF_8));
      assertThat(ab.receive(Duration.ofSeconds(3)))
          .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
          .contains("hello alice");
      awaitUntil(Duration.ofSeconds(3), () -> !atBob.isEmpty(), "bob to receive alice's line");
      assertThat(atBob).containsExactly("hello bob");
    }
  }

  @Test
  void punchingAgainReplacesTheOldLink() throws Exception {
    try (RendezvousSession a = client.openSession(alice, new RecordingListener());
        RendezvousSession b = client.openSession(bob, new RecordingListener())) {
      a.firstAccepted().get(5, TimeUnit.SECONDS);
      b.firstAccepted().get(5, TimeUnit.SECONDS);
      PeerLink first = punchBoth(a, b);
      assertThat(a.link(bob.clientId())).contains(first);
      PeerLink second = punchBoth(a, b);
      assertThat(second).isNotSameAs(first);
      assertThat(first.isOpen()).isFalse();
      assertThat(a.link(bob.clientId())).contains(second);
      second.close();
      assertThat(a.link(bob.clientId())).isEmpty();
    }
  }

  /** Punches both ways at once and returns a's link. */
  private PeerLink punchBoth(RendezvousSession a, RendezvousSession b) throws Exception {
    CompletableFuture<PunchResult> fromA = a.punch(bob.clientId(), quick());
    CompletableFuture<PunchResult> fromB = b.punch(alice.clientId(), quick());
    assertThat(fromB.get(5, TimeUnit.SECONDS)).isInstanceOf(PunchResult.Success.class);
    PunchResult r = fromA.get(5, TimeUnit.SECONDS);
    assertThat(r).isInstanceOf(PunchResult.Success.class);
    return ((PunchResult.Success) r).link();
  }

  @Test
  void anUnknownPeerFailsAtOnce() throws Exception {
    try (RendezvousSession a = client.openSession(alice, new RecordingListener())) {
      PunchResult r = a.punch(ClientId.parse("11".repeat(16)), quick()).get(5, TimeUnit.SECONDS);
      assertThat(r).isInstanceOf(PunchResult.Failure.class);
      assertThat(((PunchResult.Failure) r).reason()).isEqualTo(PunchFailure.PEER_UNKNOWN);
    }
  }

  @Test
  void aPeerThatNeverPulsedIsOffline() throws Exception {
    try (RendezvousSession a = client.openSession(alice, new RecordingListener())) {
      PunchResult r = a.punch(bob.clientId(), quick()).get(5, TimeUnit.SECONDS);
      assertThat(((PunchResult.Failure) r).reason()).isEqualTo(PunchFailure.PEER_OFFLINE);
    }
  }

  @Test
  void aPendingPeerIsOffline() throws Exception {
    try (RendezvousSession b = client.openSession(bob, new RecordingListener())) {
      b.firstAccepted().get(5, TimeUnit.SECONDS);
    }
    serverClock.advance(Duration.ofSeconds(40));
    ClientCredentials carol = client.register().join().identity();
    try (RendezvousSession c = client.openSession(carol, new RecordingListener())) {
      PunchResult r = c.punch(bob.clientId(), quick()).get(5, TimeUnit.SECONDS);
      PunchResult.Failure f = (PunchResult.Failure) r;
      assertThat(f.reason()).isEqualTo(PunchFailure.PEER_OFFLINE);
      assertThat(f.detail()).contains("PENDING");
    }
  }

  @Test
  void aPeerThatDoesNotPunchBackGivesNoReplyExactlyAtTheTimeout() throws Exception {
    // Virtual time: the lookups happen over real HTTP while the clock stands still; then the 2 s of
    // punching pass at once, with a punch every 200 ms (at 0, 200, ..., 1800 ms).
    ManualScheduler timers = ManualScheduler.startingAt(Instant.now());
    RecordingListener bobEvents = new RecordingListener();
    List<String> progress = new CopyOnWriteArrayList<>();
    try (RendezvousClient virtual =
            RendezvousClient.builder(server.baseUrl(), config())
                .timers(timers)
                .clock(timers.clock())
                .build();
        RendezvousSession a = virtual.openSession(alice, new RecordingListener());
        RendezvousSession b = virtual.openSession(bob, bobEvents)) {
      timers.runDueTasks(); // both first pulses
      b.firstAccepted().get(5, TimeUnit.SECONDS);
      CompletableFuture<PunchResult> r =
          a.punch(bob.clientId(), quick().withProgress(progress::add));
      awaitProgress(progress, "punching");
      timers.advance(Duration.ofMillis(1_999));
      assertThat(r).isNotDone();
      timers.advance(Duration.ofMillis(1));
      PunchResult.Failure f = (PunchResult.Failure) r.get(5, TimeUnit.SECONDS);
      assertThat(f.reason()).isEqualTo(PunchFailure.NO_REPLY);
      assertThat(f.punchesSent()).isEqualTo(10);
      assertThat(f.elapsed()).isEqualTo(Duration.ofSeconds(2));
      // bob's app hears about the stranger's punches, and does not answer them by itself
      assertThat(bobEvents.await("incoming " + alice.clientId(), Duration.ofSeconds(2)))
          .isNotNull();
    }
  }

  @Test
  void waitsForAPeerThatComesOnlineLater() throws Exception {
    List<String> progress = new CopyOnWriteArrayList<>();
    try (RendezvousSession a = client.openSession(alice, new RecordingListener())) {
      CompletableFuture<PunchResult> fromA =
          a.punch(
              bob.clientId(),
              quick().withWaitForPeer(Duration.ofSeconds(10)).withProgress(progress::add));
      awaitProgress(progress, "waiting for the peer");
      assertThat(fromA).isNotDone();
      try (RendezvousSession b = client.openSession(bob, new RecordingListener())) {
        b.firstAccepted().get(5, TimeUnit.SECONDS);
        PunchResult rb = b.punch(alice.clientId(), quick()).get(5, TimeUnit.SECONDS);
        PunchResult ra = fromA.get(10, TimeUnit.SECONDS);
        assertThat(ra).isInstanceOf(PunchResult.Success.class);
        assertThat(rb).isInstanceOf(PunchResult.Success.class);
      }
    }
    assertThat(progress).anyMatch(p -> p.startsWith("waiting for the peer"));
    assertThat(progress).anyMatch(p -> p.contains("punching"));
  }

  @Test
  void closingTheSessionEndsARunningPunch() throws Exception {
    RendezvousSession a = client.openSession(alice, new RecordingListener());
    List<String> progress = new CopyOnWriteArrayList<>();
    CompletableFuture<PunchResult> r =
        a.punch(
            bob.clientId(),
            quick().withWaitForPeer(Duration.ofSeconds(30)).withProgress(progress::add));
    awaitProgress(progress, "waiting for the peer");
    a.close();
    PunchResult.Failure f = (PunchResult.Failure) r.get(2, TimeUnit.SECONDS);
    assertThat(f.reason()).isEqualTo(PunchFailure.SESSION_CLOSED);
  }
}
