package dev.rendezvous.client.session;

import static dev.rendezvous.testkit.Await.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.client.RendezvousClient;
import dev.rendezvous.client.testserver.PulseOutcome;
import dev.rendezvous.client.testserver.RecordedPulse;
import dev.rendezvous.client.testserver.TestRendezvousServer;
import dev.rendezvous.core.timing.PulseTimings;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.testkit.ManualScheduler;
import dev.rendezvous.testkit.MutableClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RendezvousSessionTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final MutableClock serverClock = MutableClock.followingSystemTime();
  private final RecordingListener events = new RecordingListener();
  private TestRendezvousServer server;
  private RendezvousClient client;
  private ClientCredentials me;

  @BeforeEach
  void start() throws Exception {
    server = TestRendezvousServer.start(new PulseTimings(30, 5, 60), serverClock);
    client = clientWith(fastConfig());
    me = client.register().join().identity();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private SessionConfig fastConfig() {
    return SessionConfig.defaults(server.edge())
        .withProbeEdge(server.probeEdge())
        .withInterval(Duration.ofSeconds(1))
        .withReplyTimeout(Duration.ofMillis(300));
  }

  private RendezvousClient clientWith(SessionConfig config) {
    return new RendezvousClient(server.baseUrl(), config);
  }

  private List<RecordedPulse> pulsesOf(ClientCredentials who) {
    return server.pulses().stream().filter(p -> p.clientId().equals(who.clientId())).toList();
  }

  @Test
  void v2PulsesAreAcceptedAndTeachTheClientItsPublicMapping() throws Exception {
    try (RendezvousSession session = client.openSession(me, events)) {
      PulseReply first = session.firstAccepted().get(5, TimeUnit.SECONDS);
      assertThat(first.code()).isEqualTo(ResponseCode.ACCEPTED);
      InetSocketAddress expected =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), session.localAddress().getPort());
      assertThat(first.mapping()).contains(expected);
      assertThat(events.await("mapping ", WAIT)).endsWith("/127.0.0.1:" + expected.getPort());
      assertThat(session.publicMapping()).contains(expected);
      assertThat(session.state()).isEqualTo(SessionState.ONLINE);

      // the schedule itself is pinned in virtual time by PulseLoopScheduleTest
      awaitUntil(WAIT, () -> pulsesOf(me).size() >= 2, "the early second pulse");
      assertThat(pulsesOf(me))
          .allSatisfy(
              p -> {
                assertThat(p.version()).isEqualTo(2);
                assertThat(p.outcome()).isEqualTo(PulseOutcome.ACCEPTED);
                assertThat(p.source().port()).isEqualTo(session.localAddress().getPort());
              });
    }
  }

  @Test
  void v1IsSelectable() throws Exception {
    RendezvousClient v1 = clientWith(fastConfig().withProtocol(SessionConfig.Protocol.V1));
    try (RendezvousSession session = v1.openSession(me, events)) {
      PulseReply first = session.firstAccepted().get(5, TimeUnit.SECONDS);
      assertThat(first.code()).isEqualTo(ResponseCode.ACCEPTED);
      assertThat(first.mapping()).isEmpty();
      assertThat(pulsesOf(me)).allSatisfy(p -> assertThat(p.version()).isEqualTo(1));
      assertThat(session.probeNat().join().kind()).isEqualTo(NatMapping.Kind.UNKNOWN);
    }
  }

  @Test
  void aPendingReplyCallsVerifyAndPulsesAgain() throws Exception {
    try (RendezvousSession session = client.openSession(me, events)) {
      session.firstAccepted().get(5, TimeUnit.SECONDS);
      serverClock.advance(Duration.ofSeconds(40)); // past interval + grace: PENDING
      assertThat(events.await("verified ", WAIT))
          .isEqualTo("verified revived=true the edge answered 1050 (pending)");
      awaitUntil(WAIT, () -> session.state() == SessionState.ONLINE, "the session to be ONLINE");
      List<PulseOutcome> outcomes = pulsesOf(me).stream().map(RecordedPulse::outcome).toList();
      assertThat(outcomes).contains(PulseOutcome.PENDING);
      assertThat(outcomes.get(outcomes.size() - 1)).isEqualTo(PulseOutcome.ACCEPTED);
    }
  }

  @Test
  void afterLogoutUnansweredV2PulsesAskVerifyWhichSaysGone() throws Exception {
    try (RendezvousSession session = client.openSession(me, events)) {
      session.firstAccepted().get(5, TimeUnit.SECONDS);
      client.logout(me).join();
      events.await("unanswered 1", WAIT);
      String gone = events.await("gone ", WAIT);
      assertThat(gone).contains("POST /verify answered 401").contains("3 pulses in a row");
      assertThat(session.state()).isEqualTo(SessionState.GONE);
      assertThat(session.pulseNow())
          .failsWithin(WAIT)
          .withThrowableOfType(ExecutionException.class)
          .withCauseInstanceOf(ClientGoneException.class); // pulsing has stopped
    }
  }

  @Test
  void aDeviceClockFarAheadIsCorrectedByVerifyAfterUnansweredPulses() throws Exception {
    // This client never made an HTTP call, so its clock is uncorrected: 10 min ahead, beyond the
    // edge's 300 s window, so its v2 pulses are dropped until /verify brings the server's time.
    RendezvousClient ahead =
        RendezvousClient.builder(server.baseUrl(), fastConfig())
            .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10)))
            .build();
    try (RendezvousSession session = ahead.openSession(me, events)) {
      assertThat(events.await("verified revived=false", WAIT)).contains("3 pulses in a row");
      session.firstAccepted().get(10, TimeUnit.SECONDS);
      assertThat(ahead.serverClock().offsetMillis()).isBetween(-610_000L, -590_000L);
      assertThat(session.state()).isEqualTo(SessionState.ONLINE);
    }
  }

  @Test
  void aV1UnknownReplyEndsTheSession() throws Exception {
    RendezvousClient v1 = clientWith(fastConfig().withProtocol(SessionConfig.Protocol.V1));
    try (RendezvousSession session = v1.openSession(me, events)) {
      session.firstAccepted().get(5, TimeUnit.SECONDS);
      client.logout(me).join();
      assertThat(events.await("gone ", WAIT)).contains("1060");
      assertThat(session.state()).isEqualTo(SessionState.GONE);
    }
  }

  @Test
  void anExpiredButUnsweptClientGetsAnAuthenticated1060() throws Exception {
    try (RendezvousSession session = client.openSession(me, events)) {
      session.firstAccepted().get(5, TimeUnit.SECONDS);
      serverClock.advance(Duration.ofSeconds(100)); // past interval + error time (90 s)
      assertThat(events.await("gone ", WAIT)).contains("the edge answered 1060");
      assertThat(pulsesOf(me)).extracting(RecordedPulse::outcome).contains(PulseOutcome.UNKNOWN);
    }
  }

  @Test
  void theProbeSeesTheSameMappingOnBothEdgePortsWithoutANat() throws Exception {
    try (RendezvousSession session = client.openSession(me, events)) {
      NatMapping mapping = session.probeNat().get(5, TimeUnit.SECONDS);
      assertThat(mapping.kind()).isEqualTo(NatMapping.Kind.ENDPOINT_INDEPENDENT);
      assertThat(mapping.primary()).isEqualTo(mapping.probe()).isPresent();
      assertThat(pulsesOf(me))
          .extracting(RecordedPulse::edgePort)
          .contains(server.probeEdge().getPort());
      // the main edge is pulsed after the probe, so the service keeps the main mapping
      RecordedPulse last = pulsesOf(me).get(pulsesOf(me).size() - 1);
      assertThat(last.edgePort()).isEqualTo(server.edge().getPort());
    }
  }

  @Test
  void aSecondEdgeIsPulsedAtEveryTickWhileTheMainEdgeDrivesTheSession() throws Exception {
    // The probe port stands in for the edge over the other address family (loopback has one).
    SessionConfig both =
        SessionConfig.defaults(server.edge())
            .withSecondEdge(server.probeEdge())
            .withInterval(Duration.ofSeconds(1))
            .withReplyTimeout(Duration.ofMillis(300));
    try (RendezvousClient dual = clientWith(both);
        RendezvousSession session = dual.openSession(me, events)) {
      session.firstAccepted().get(5, TimeUnit.SECONDS);
      awaitUntil(
          WAIT,
          () ->
              pulsesOf(me).stream()
                      .filter(p -> p.edgePort() == server.probeEdge().getPort())
                      .count()
                  >= 3,
          "three pulses to the second edge");
      assertThat(pulsesOf(me))
          .filteredOn(p -> p.edgePort() == server.edge().getPort())
          .hasSizeGreaterThanOrEqualTo(3);
      assertThat(session.publicMapping().map(m -> m.getPort()))
          .contains(session.localAddress().getPort());
      assertThat(session.state()).isEqualTo(SessionState.ONLINE);
    }
  }

  @Test
  void closeCancelsEveryTimerOnASharedSchedulerAndIsIdempotent() throws Exception {
    ManualScheduler timers = ManualScheduler.startingAt(Instant.now());
    RendezvousClient shared =
        RendezvousClient.builder(server.baseUrl(), fastConfig())
            .timers(timers)
            .clock(timers.clock())
            .build();
    RendezvousSession session = shared.openSession(me, events);
    timers.runDueTasks(); // the first pulse
    session.firstAccepted().get(5, TimeUnit.SECONDS);
    timers.advance(fastConfig().replyTimeout()); // its reply timeout passes: nothing to do
    // the next pulse, the links' keepalives, the local-address check, the calls' keepalives
    assertThat(timers.queuedTasks()).isEqualTo(4);
    session.close();
    session.close();
    assertThat(session.state()).isEqualTo(SessionState.CLOSED);
    assertThat(timers.queuedTasks()).isZero();
    assertThat(timers.isShutdown()).isFalse(); // the app's scheduler stays the app's
    assertThat(session.pulseNow())
        .failsWithin(WAIT)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(ClientGoneException.class);
    shared.close();
  }
}
