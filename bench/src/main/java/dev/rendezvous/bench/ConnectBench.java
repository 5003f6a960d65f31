package dev.rendezvous.bench;

import dev.rendezvous.client.RendezvousClient;
import dev.rendezvous.client.call.CallResult;
import dev.rendezvous.client.call.IncomingCall;
import dev.rendezvous.client.call.SecureLink;
import dev.rendezvous.client.punch.PeerLink;
import dev.rendezvous.client.punch.PunchOptions;
import dev.rendezvous.client.punch.PunchResult;
import dev.rendezvous.client.session.RendezvousSession;
import dev.rendezvous.client.session.SessionConfig;
import dev.rendezvous.client.session.SessionListener;
import dev.rendezvous.protocol.identity.ClientCredentials;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Time to connect, one-sided (a call: the service pushes PUNCH_NOW to the callee) against two-sided
 * (both peers look each other up and punch), in alternating rounds of one run, through the real SDK
 * against a running service ({@code ./run-local}). Each round uses a fresh pair of clients that are
 * already pulsing; what is timed is from the start of {@code call} (one-sided) or of both {@code
 * punch}es (two-sided) to the caller's first data byte from the peer.
 *
 * <p>Arguments: {@code --url http://127.0.0.1:5025 --edge 127.0.0.1:5024 --rounds 10}.
 */
public final class ConnectBench {
  private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

  private ConnectBench() {}

  public static void main(String[] args) throws Exception {
    URI url = URI.create(option(args, "--url", "http://127.0.0.1:5025"));
    String[] edge = option(args, "--edge", "127.0.0.1:5024").split(":", 2);
    int rounds = Integer.parseInt(option(args, "--rounds", "10"));
    SessionConfig config =
        SessionConfig.defaults(
            new InetSocketAddress(InetAddress.getByName(edge[0]), Integer.parseInt(edge[1])));
    List<Long> oneSided = new ArrayList<>();
    List<Long> twoSided = new ArrayList<>();
    try (RendezvousClient client = new RendezvousClient(url, config)) {
      for (int round = 0; round <= rounds; round++) {
        long call = oneSided(client);
        long punch = twoSided(client);
        if (round == 0) {
          continue; // warm-up: class loading and JIT on both paths
        }
        oneSided.add(call);
        twoSided.add(punch);
        System.out.printf("round %d: one-sided %d ms, two-sided %d ms%n", round, call, punch);
      }
    }
    long one = median(oneSided);
    long two = median(twoSided);
    System.out.printf(
        "median of %d rounds: one-sided (call, push) %d ms, two-sided (lookup, punch) %d ms,"
            + " ratio %.2f%n",
        rounds, one, two, (double) one / two);
  }

  /** B pulses and accepts; A calls: from A's call to A's first data byte from B. */
  private static long oneSided(RendezvousClient client) throws Exception {
    ClientCredentials a = client.register().get(10, TimeUnit.SECONDS).identity();
    ClientCredentials b = client.register().get(10, TimeUnit.SECONDS).identity();
    SessionListener answering =
        new SessionListener() {
          @Override
          public void onIncomingCall(IncomingCall call) {
            var unused =
                call.accept()
                    .thenAccept(
                        r -> {
                          if (r instanceof CallResult.Connected c) {
                            sendUntilClosed(c.link());
                          }
                        });
          }
        };
    try (RendezvousSession sa = client.openSession(a, new SessionListener() {});
        RendezvousSession sb = client.openSession(b, answering)) {
      sa.firstAccepted().get(10, TimeUnit.SECONDS);
      sb.firstAccepted().get(10, TimeUnit.SECONDS);
      long start = System.nanoTime();
      CallResult r = sa.call(b.clientId(), PunchOptions.defaults()).get(30, TimeUnit.SECONDS);
      if (!(r instanceof CallResult.Connected c)) {
        throw new IllegalStateException("call failed: " + r);
      }
      Optional<byte[]> first = c.link().receive(Duration.ofSeconds(10));
      if (first.isEmpty()) {
        throw new IllegalStateException("no data from the callee");
      }
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
  }

  /** Both look each other up and punch at once: from the start to A's first data byte from B. */
  private static long twoSided(RendezvousClient client) throws Exception {
    ClientCredentials a = client.register().get(10, TimeUnit.SECONDS).identity();
    ClientCredentials b = client.register().get(10, TimeUnit.SECONDS).identity();
    try (RendezvousSession sa = client.openSession(a, new SessionListener() {});
        RendezvousSession sb = client.openSession(b, new SessionListener() {})) {
      sa.firstAccepted().get(10, TimeUnit.SECONDS);
      sb.firstAccepted().get(10, TimeUnit.SECONDS);
      long start = System.nanoTime();
      CompletableFuture<PunchResult> pa = sa.punch(b.clientId(), PunchOptions.defaults());
      CompletableFuture<PunchResult> pb = sb.punch(a.clientId(), PunchOptions.defaults());
      var unused =
          pb.thenAccept(
              r -> {
                if (r instanceof PunchResult.Success s) {
                  sendUntilClosed(s.link());
                }
              });
      PunchResult r = pa.get(30, TimeUnit.SECONDS);
      if (!(r instanceof PunchResult.Success s)) {
        throw new IllegalStateException("punch failed: " + r);
      }
      Optional<byte[]> first = s.link().receive(Duration.ofSeconds(10));
      if (first.isEmpty()) {
        throw new IllegalStateException("no data from the peer");
      }
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
  }

  private static void sendUntilClosed(SecureLink link) {
    sendUntilClosed(link::isOpen, link::send);
  }

  private static void sendUntilClosed(PeerLink link) {
    sendUntilClosed(link::isOpen, link::send);
  }

  /** Sends one message on a link. */
  private interface Sender {
    void send(byte[] data) throws Exception;
  }

  /** Sends {@link #HELLO} every 5 ms on a daemon thread until the link closes or a send fails. */
  private static void sendUntilClosed(BooleanSupplier isOpen, Sender send) {
    Thread t =
        new Thread(
            () -> {
              try {
                while (isOpen.getAsBoolean()) {
                  send.send(HELLO);
                  Thread.sleep(5);
                }
              } catch (Exception e) {
                // the session closed: the round is over
              }
            });
    t.setDaemon(true);
    t.start();
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
