package dev.rendezvous.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rendezvous.client.RendezvousClient;
import dev.rendezvous.client.call.CallFailure;
import dev.rendezvous.client.call.CallResult;
import dev.rendezvous.client.call.IncomingCall;
import dev.rendezvous.client.call.SecureLink;
import dev.rendezvous.client.http.CallPolicy;
import dev.rendezvous.client.punch.PunchOptions;
import dev.rendezvous.client.session.RendezvousSession;
import dev.rendezvous.client.session.SessionConfig;
import dev.rendezvous.client.session.SessionListener;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.store.dynamodb.testing.DynaliteExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SDK's one-sided connect against the local run's parts (routes, a real edge, dynalite): only
 * the caller starts; the callee's listener is rung on the app's executor, accepts, and both ends
 * get an encrypted link that carries data both ways. A callee that refuses is never reached.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkCallsEndToEndTest {
  @RegisterExtension static final DynaliteExtension DYNALITE = new DynaliteExtension();
  private static final Duration WAIT = Duration.ofSeconds(10);

  private LocalRun stack;
  private RendezvousClient sdk;

  @BeforeAll
  void start() throws Exception {
    stack = new LocalRun(DYNALITE);
    InetSocketAddress edge = new InetSocketAddress(InetAddress.getLoopbackAddress(), stack.udpPort);
    sdk = new RendezvousClient(stack.base, SessionConfig.defaults(edge));
  }

  @AfterAll
  void stop() {
    sdk.close();
    stack.close();
  }

  @Test
  void onlyTheCallerStartsAndBothGetAnEncryptedLink() throws Exception {
    ClientCredentials alice = sdk.register().join().identity();
    ClientCredentials bob = sdk.register().join().identity();
    CompletableFuture<CallResult> answered = new CompletableFuture<>();
    CompletableFuture<String> ringThread = new CompletableFuture<>();
    SessionListener accepting =
        new SessionListener() {
          @Override
          public void onIncomingCall(IncomingCall call) {
            ringThread.complete(Thread.currentThread().getName());
            var unused =
                call.accept()
                    .whenComplete(
                        (link, failure) -> {
                          if (failure != null) {
                            answered.completeExceptionally(failure);
                          } else {
                            answered.complete(link);
                          }
                        });
          }
        };
    try (RendezvousSession bobs = sdk.openSession(bob, accepting);
        RendezvousSession alices = sdk.openSession(alice, new SessionListener() {})) {
      bobs.firstAccepted().get(10, TimeUnit.SECONDS);
      alices.firstAccepted().get(10, TimeUnit.SECONDS);

      CallResult called =
          alices.call(bob.clientId(), PunchOptions.defaults()).get(15, TimeUnit.SECONDS);
      assertThat(called).as(called.toString()).isInstanceOf(CallResult.Connected.class);
      CallResult accepted = answered.get(15, TimeUnit.SECONDS);
      assertThat(accepted).as(accepted.toString()).isInstanceOf(CallResult.Connected.class);
      assertThat(accepted.peer()).isEqualTo(alice.clientId());
      assertThat(ringThread.get())
          .as("rung on the app's callback executor, not the SDK's socket thread")
          .doesNotContain("-socket");

      SecureLink a = ((CallResult.Connected) called).link();
      SecureLink b = ((CallResult.Connected) accepted).link();
      a.send("hello bob".getBytes(StandardCharsets.UTF_8));
      assertThat(b.receive(WAIT).map(bytes -> new String(bytes, StandardCharsets.UTF_8)))
          .contains("hello bob");
      b.send("hello alice".getBytes(StandardCharsets.UTF_8));
      assertThat(a.receive(WAIT).map(bytes -> new String(bytes, StandardCharsets.UTF_8)))
          .contains("hello alice");
    }
  }

  @Test
  void aCalleeThatRefusesIsNeverReached() throws Exception {
    ClientCredentials carol = sdk.register().join().identity();
    ClientCredentials dave = sdk.register().join().identity();
    CompletableFuture<IncomingCall> rung = new CompletableFuture<>();
    SessionListener refusing =
        new SessionListener() {
          @Override
          public void onIncomingCall(IncomingCall call) {
            rung.complete(call);
            call.refuse();
          }
        };
    try (RendezvousSession daves = sdk.openSession(dave, refusing);
        RendezvousSession carols = sdk.openSession(carol, new SessionListener() {})) {
      daves.firstAccepted().get(10, TimeUnit.SECONDS);
      carols.firstAccepted().get(10, TimeUnit.SECONDS);
      CallResult called =
          carols
              .call(dave.clientId(), PunchOptions.defaults().withTimeout(Duration.ofSeconds(2)))
              .get(15, TimeUnit.SECONDS);
      assertThat(rung.get(5, TimeUnit.SECONDS).caller()).isEqualTo(carol.clientId());
      assertThat(called).isInstanceOf(CallResult.Failed.class);
    }
  }

  @Test
  void aCalleesPolicySetThroughTheSdkDecidesWhoMayRing() throws Exception {
    ClientCredentials erin = sdk.register().join().identity();
    ClientCredentials frank = sdk.register().join().identity();
    ClientCredentials grace = sdk.register().join().identity();
    assertThat(sdk.callPolicy(frank).get(10, TimeUnit.SECONDS)).isEqualTo(CallPolicy.everyone());
    assertThat(
            sdk.setCallPolicy(frank, CallPolicy.only(List.of(grace.clientId())))
                .get(10, TimeUnit.SECONDS))
        .isEqualTo(CallPolicy.only(List.of(grace.clientId())));
    assertThat(sdk.callPolicy(frank).get(10, TimeUnit.SECONDS).allowed())
        .containsExactly(grace.clientId());
    CompletableFuture<IncomingCall> rung = new CompletableFuture<>();
    SessionListener ringing =
        new SessionListener() {
          @Override
          public void onIncomingCall(IncomingCall call) {
            rung.complete(call);
            call.refuse();
          }
        };
    try (RendezvousSession franks = sdk.openSession(frank, ringing);
        RendezvousSession erins = sdk.openSession(erin, new SessionListener() {})) {
      franks.firstAccepted().get(10, TimeUnit.SECONDS);
      erins.firstAccepted().get(10, TimeUnit.SECONDS);
      CallResult called =
          erins
              .call(frank.clientId(), PunchOptions.defaults().withTimeout(Duration.ofSeconds(2)))
              .get(15, TimeUnit.SECONDS);
      assertThat(called).isInstanceOf(CallResult.Failed.class);
      assertThat(((CallResult.Failed) called).reason()).isEqualTo(CallFailure.REFUSED);
      assertThat(rung).as("a refused caller never reaches the callee").isNotDone();
    }
    assertThat(sdk.setCallPolicy(frank, CallPolicy.nobody()).get(10, TimeUnit.SECONDS))
        .isEqualTo(CallPolicy.nobody());
  }
}
