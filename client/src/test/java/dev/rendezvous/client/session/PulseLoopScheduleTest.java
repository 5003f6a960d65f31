package dev.rendezvous.client.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.client.ServerClock;
import dev.rendezvous.client.http.RendezvousHttpApi;
import dev.rendezvous.protocol.ResponseCode;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.CredentialFactory;
import dev.rendezvous.protocol.v2.PulseV2Reply;
import dev.rendezvous.protocol.v2.PulseV2ReplyCodec;
import dev.rendezvous.protocol.v2.PulseV2Request;
import dev.rendezvous.protocol.v2.PulseV2RequestCodec;
import dev.rendezvous.testkit.ManualScheduler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The pulse loop's timing, in virtual time: the scheduler and the clock are a {@link
 * ManualScheduler}'s, and pulses are read where the loop hands them to the socket, so every
 * assertion is exact and nothing sleeps.
 */
class PulseLoopScheduleTest {
  private static final Instant START = Instant.parse("2026-11-26T12:00:00Z");
  private static final InetSocketAddress EDGE =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 5024);

  private final ManualScheduler timers = ManualScheduler.startingAt(START);
  private final ClientCredentials me =
      ClientCredentials.of(new CredentialFactory().issue().privateKey());
  private final List<SentPulse> sent = new CopyOnWriteArrayList<>();
  private final RecordingListener events = new RecordingListener();

  /** A pulse as it left the loop: when (virtual ms since START) and its counter. */
  private static final class SentPulse {
    final long atMillis;
    final long counter;

    SentPulse(long atMillis, long counter) {
      this.atMillis = atMillis;
      this.counter = counter;
    }
  }

  private PulseLoop loop(SessionConfig config) {
    // /verify is never reached here (unansweredBeforeVerify is high); nothing listens on port 9.
    RendezvousHttpApi api =
        new RendezvousHttpApi(
            URI.create("http://127.0.0.1:9"), new ServerClock(timers.clock()), Runnable::run);
    return new PulseLoop(
        config,
        me,
        api,
        new ServerClock(timers.clock()),
        timers,
        new EventDispatcher(events, Runnable::run),
        (to, datagram) -> {
          PulseV2Request pulse = PulseV2RequestCodec.decode(datagram);
          assertThat(pulse.isAuthenticBy(me.privateKey().pulseMacKey())).isTrue();
          assertThat(to).isEqualTo(EDGE);
          sent.add(new SentPulse(timers.elapsed().toMillis(), pulse.counter()));
        });
  }

  private static SessionConfig defaults() {
    return SessionConfig.defaults(EDGE).withUnansweredBeforeVerify(1_000);
  }

  @Test
  void firstPulseAtOnceTheSecondAfterTwoSecondsThenEveryTwentyFiveSecondsPlusOrMinusTen() {
    PulseLoop loop = loop(defaults());
    loop.start();
    timers.runDueTasks();
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).atMillis).isZero();
    timers.advance(Duration.ofMillis(1_999));
    assertThat(sent).hasSize(1);
    timers.advance(Duration.ofMillis(1));
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).atMillis).isEqualTo(2_000);

    List<Long> gaps = new ArrayList<>();
    while (sent.size() < 42) {
      int before = sent.size();
      timers.advanceToNextTask();
      if (sent.size() > before) {
        gaps.add(sent.get(before).atMillis - sent.get(before - 1).atMillis);
      }
    }
    assertThat(gaps).hasSize(40).allSatisfy(gap -> assertThat(gap).isBetween(22_500L, 27_500L));
    assertThat(new HashSet<>(gaps)).as("the jitter spreads the pulses").hasSizeGreaterThan(10);
    // v2 counters are the (virtual) Unix time in ms at sending: the clock moved with the scheduler
    assertThat(sent)
        .allSatisfy(p -> assertThat(p.counter).isEqualTo(START.toEpochMilli() + p.atMillis));
    loop.stop(SessionState.CLOSED);
  }

  @Test
  void aPulseCountsAsUnansweredExactlyWhenItsReplyTimeoutEnds() {
    PulseLoop loop = loop(defaults());
    loop.start();
    timers.runDueTasks();
    timers.advance(Duration.ofMillis(2_999));
    assertThat(events.threads()).isEmpty();
    timers.advance(Duration.ofMillis(1));
    assertThat(events.await("unanswered 1", Duration.ZERO)).isEqualTo("unanswered 1");
    loop.stop(SessionState.CLOSED);
  }

  @Test
  void anAnsweredPulseNeverTimesOutAndTeachesTheMapping() {
    PulseLoop loop = loop(defaults());
    loop.start();
    timers.runDueTasks();
    InetSocketAddress seen = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40_000);
    loop.onReply(
        EDGE,
        PulseV2ReplyCodec.encode(
            new PulseV2Reply(
                ResponseCode.ACCEPTED, sent.get(0).counter, seen.getAddress(), seen.getPort()),
            me.privateKey().pulseMacKey()));
    assertThat(loop.state()).isEqualTo(SessionState.ONLINE);
    assertThat(loop.mapping()).contains(seen);
    assertThat(loop.firstAccepted()).isCompleted();
    timers.advance(Duration.ofSeconds(3));
    assertThat(events.await("mapping ", Duration.ZERO)).endsWith(":40000");
    assertThat(events.await("accepted ", Duration.ZERO)).endsWith(":40000");
    assertThat(events.threads()).hasSize(2); // no "unanswered" event after the reply timeout
    loop.stop(SessionState.CLOSED);
  }

  @Test
  void aStoppedLoopSendsNothingMoreAndLeavesNoTimerBehind() {
    PulseLoop loop = loop(defaults());
    loop.start();
    timers.advance(Duration.ofSeconds(3)); // first and second pulse, first reply timeout
    assertThat(sent).hasSize(2);
    loop.stop(SessionState.CLOSED);
    timers.advance(Duration.ofHours(1));
    assertThat(sent).hasSize(2);
    assertThat(timers.queuedTasks()).isZero();
    assertThat(loop.pulseNow()).isCompletedExceptionally();
  }
}
