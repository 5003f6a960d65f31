package dev.rendezvous.client;

import static dev.rendezvous.testkit.Await.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.client.punch.PeerLink;
import dev.rendezvous.client.punch.PunchOptions;
import dev.rendezvous.client.punch.PunchResult;
import dev.rendezvous.client.session.PulseReply;
import dev.rendezvous.client.session.RecordingListener;
import dev.rendezvous.client.session.RendezvousSession;
import dev.rendezvous.client.session.SessionConfig;
import dev.rendezvous.client.session.SessionListener;
import dev.rendezvous.client.session.SessionState;
import dev.rendezvous.client.testserver.TestRendezvousServer;
import dev.rendezvous.protocol.identity.ClientCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * App code never runs on the SDK's socket, timer or HTTP threads: listener callbacks, received
 * messages, punch progress and the stages an app chains to the SDK's futures all run on the
 * callback executor (the app's, or the SDK's one callback thread by default), one at a time.
 */
class CallbackThreadsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ExecutorService appMain =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "app-main"));
  private final List<String> seen = new CopyOnWriteArrayList<>();
  @RegisterExtension final TestRendezvousServer server = TestRendezvousServer.forEachTest();

  @AfterEach
  void stop() {
    appMain.shutdownNow();
  }

  private SessionConfig config() {
    return SessionConfig.defaults(server.edge())
        .withInterval(Duration.ofSeconds(1))
        .withReplyTimeout(Duration.ofMillis(300));
  }

  private void note(String what) {
    seen.add(what + " on " + Thread.currentThread().getName());
  }

  @Test
  void everyCallbackRunsOnTheAppsExecutor() throws Exception {
    try (RendezvousClient client =
        RendezvousClient.builder(server.baseUrl(), config()).callbackExecutor(appMain).build()) {
      CompletableFuture<ClientCredentials> alice =
          client.register().thenApply(r -> r.identity()).whenComplete((r, e) -> note("register"));
      ClientCredentials bob = client.register().get(5, TimeUnit.SECONDS).identity();
      RecordingListener aliceEvents = new RecordingListener();
      try (RendezvousSession a = client.openSession(alice.get(5, TimeUnit.SECONDS), aliceEvents);
          RendezvousSession b = client.openSession(bob, new SessionListener() {})) {
        CompletableFuture<PulseReply> first =
            a.firstAccepted().whenComplete((r, e) -> note("first"));
        CompletableFuture<PunchResult> fromA =
            a.punch(bob.clientId(), PunchOptions.defaults().withProgress(p -> note("progress")))
                .whenComplete((r, e) -> note("punched"));
        PunchResult fromB =
            b.punch(alice.get().clientId(), PunchOptions.defaults()).get(10, TimeUnit.SECONDS);
        PeerLink ab = ((PunchResult.Success) fromA.get(10, TimeUnit.SECONDS)).link();
        PeerLink ba = ((PunchResult.Success) fromB).link();
        ab.onReceive(bytes -> note("received " + new String(bytes, StandardCharsets.UTF_8)));
        CompletableFuture<Void> sent =
            ba.sendAsync("hi".getBytes(StandardCharsets.UTF_8))
                .whenComplete((r, e) -> note("sent"));
        awaitUntil(WAIT, () -> seen.contains("received hi on app-main"), "alice to receive hi");
        first.get(5, TimeUnit.SECONDS);
        sent.get(5, TimeUnit.SECONDS);
        aliceEvents.await("accepted", WAIT);
        assertThat(aliceEvents.threads()).isNotEmpty().allMatch("app-main"::equals);
      }
    }
    // a stage chained before its future completed runs on the app's thread; one chained after runs
    // on the thread that chained it (the test's): never on an SDK thread
    assertThat(seen)
        .anyMatch(s -> s.startsWith("progress on app-main"))
        .anyMatch(s -> s.equals("punched on app-main"))
        .allMatch(s -> !s.contains(" on rendezvous-"));
  }

  @Test
  void withoutAnExecutorCallbacksRunOnTheClientsOwnCallbackThread() throws Exception {
    try (RendezvousClient client = new RendezvousClient(server.baseUrl(), config())) {
      ClientCredentials me = client.register().get(5, TimeUnit.SECONDS).identity();
      RecordingListener events = new RecordingListener();
      try (RendezvousSession session = client.openSession(me, events)) {
        events.await("accepted", WAIT);
        assertThat(session.state()).isEqualTo(SessionState.ONLINE);
        assertThat(events.threads()).allMatch(t -> t.startsWith("rendezvous-callbacks"));
      }
    }
  }

  @Test
  void aCallbackThatBlocksDoesNotHoldUpTheSession() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<String> accepted = new CopyOnWriteArrayList<>();
    SessionListener slowApp =
        new SessionListener() {
          @Override
          public void onPulseAccepted(PulseReply reply) {
            accepted.add(Thread.currentThread().getName());
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    try (RendezvousClient client =
        RendezvousClient.builder(server.baseUrl(), config()).callbackExecutor(appMain).build()) {
      ClientCredentials me = client.register().get(5, TimeUnit.SECONDS).identity();
      try (RendezvousSession session = client.openSession(me, slowApp)) {
        awaitUntil(WAIT, () -> accepted.size() == 1, "the first callback, which then blocks");
        // the session keeps pulsing and hearing replies while the app's thread is stuck
        awaitUntil(
            WAIT,
            () ->
                server.pulses().stream().filter(p -> p.clientId().equals(me.clientId())).count()
                    >= 3,
            "two more pulses");
        assertThat(session.state()).isEqualTo(SessionState.ONLINE);
        assertThat(session.publicMapping()).isPresent();
        assertThat(accepted).hasSize(1);
        release.countDown();
        awaitUntil(WAIT, () -> accepted.size() >= 3, "the queued callbacks, in order");
        assertThat(accepted).allMatch("app-main"::equals);
      }
    }
  }
}
