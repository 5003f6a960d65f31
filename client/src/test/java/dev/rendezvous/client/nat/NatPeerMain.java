package dev.rendezvous.client.nat;

import dev.rendezvous.client.RendezvousClient;
import dev.rendezvous.client.call.IncomingCall;
import dev.rendezvous.client.http.Responses;
import dev.rendezvous.client.punch.PeerLink;
import dev.rendezvous.client.punch.PeerPath;
import dev.rendezvous.client.punch.PunchOptions;
import dev.rendezvous.client.punch.PunchResult;
import dev.rendezvous.client.session.NatMapping;
import dev.rendezvous.client.session.RendezvousSession;
import dev.rendezvous.client.session.SessionConfig;
import dev.rendezvous.client.session.SessionListener;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import dev.rendezvous.protocol.net.HostText;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One peer of the NAT test, run by {@link NatTraversalTest} as a child JVM inside a peer namespace
 * ({@code ip netns exec <peer> java ...}). It drives the real SDK and reports on stdout, one fact
 * per line: {@code ID}, {@code MAPPING}, {@code NAT}, then (after reading {@code PEER <id>} on
 * stdin) {@code PEERADDR}, {@code PUNCH OK|FAIL ...}, {@code RECV <text>}, {@code DONE}. In {@code
 * stream:<seconds>} mode it streams instead of exchanging one line: {@code STREAMING}, a numbered
 * datagram every 50 ms for that long (links keep alive every second), {@code MOVED <path>} whenever
 * the link moves to a new path, then {@code STREAM received=<n> maxGapMs=<longest time without a
 * datagram> lastMs=<time since the last one>} and {@code DONE}. After {@code LISTEN} or {@code CALL
 * <id>} instead of {@code PEER}, a one-sided call ({@link NatCalls}).
 *
 * <p>Arguments: base URL, edge host, edge port, probe port, name, punch timeout in seconds, and
 * optionally the mode ({@code exchange}, the default, or {@code stream:<seconds>}) and the host of
 * the edge over the other address family (the session then pulses both).
 */
public final class NatPeerMain {
  private NatPeerMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    InetAddress edgeHost = InetAddress.getByName(args[1]);
    SessionConfig config =
        SessionConfig.defaults(new InetSocketAddress(edgeHost, Integer.parseInt(args[2])))
            .withProbeEdge(new InetSocketAddress(edgeHost, Integer.parseInt(args[3])))
            .withInterval(Duration.ofSeconds(2));
    if (args.length > 7) {
      config =
          config.withSecondEdge(
              new InetSocketAddress(InetAddress.getByName(args[7]), Integer.parseInt(args[2])));
    }
    String name = args[4];
    Duration punchTimeout = Duration.ofSeconds(Long.parseLong(args[5]));
    String mode = args.length > 6 ? args[6] : "exchange";
    boolean stream = mode.startsWith("stream:");
    RendezvousClient client = new RendezvousClient(URI.create(args[0]), config);
    ClientCredentials me = client.register().get(20, TimeUnit.SECONDS).identity();
    out.println("ID " + me.clientId());
    CompletableFuture<IncomingCall> rung = new CompletableFuture<>();
    try (RendezvousSession session =
        client.openSession(
            me,
            new SessionListener() {
              @Override
              public void onClientGone(String reason) {
                out.println("GONE " + reason);
              }

              @Override
              public void onIncomingCall(IncomingCall call) {
                if (!rung.complete(call)) {
                  call.refuse();
                }
              }

              @Override
              public void onLinkMoved(ClientId peer, PeerPath path) {
                out.println("MOVED " + path);
              }
            })) {
      session.firstAccepted().get(20, TimeUnit.SECONDS);
      out.println("MAPPING " + text(session.publicMapping().orElseThrow()));
      NatMapping nat = session.probeNat().get(20, TimeUnit.SECONDS);
      out.println(
          "NAT "
              + nat.kind()
              + " "
              + nat.primary().map(NatPeerMain::text).orElse("-")
              + " "
              + nat.probe().map(NatPeerMain::text).orElse("-"));
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line = in.readLine();
      if ("LISTEN".equals(line) || (line != null && line.startsWith("CALL "))) {
        PunchOptions options = PunchOptions.defaults().withTimeout(punchTimeout);
        NatCalls.run(out, session, rung, line, options, "hello from " + name);
        out.println("DONE");
        return;
      }
      if (line == null || !line.startsWith("PEER ")) {
        out.println("ERROR expected PEER <id>, got " + line);
        return;
      }
      long start = System.nanoTime();
      ClientId peer = ClientId.parse(line.substring(5).trim());
      Responses.PeerAddress address = client.peerAddress(me, peer).get(20, TimeUnit.SECONDS);
      out.println("PEERADDR " + address.host() + ":" + address.port());
      out.println("CANDIDATES " + address.candidates());
      PunchOptions options = PunchOptions.defaults().withTimeout(punchTimeout);
      if (stream) {
        options = options.withKeepalive(Duration.ofSeconds(1));
      }
      PunchResult result =
          session.punch(peer, options).get(punchTimeout.toSeconds() + 20, TimeUnit.SECONDS);
      if (result instanceof PunchResult.Failure f) {
        out.println(
            "PUNCH FAIL " + f.reason() + " after " + f.elapsed().toMillis() + " ms: " + f.detail());
        return;
      }
      PeerLink link = ((PunchResult.Success) result).link();
      out.println(
          "PUNCH OK local="
              + text(link.path().local())
              + " remote="
              + text(link.path().remote())
              + " seenByPeer="
              + link.path().seenByPeer().map(NatPeerMain::text).orElse("-")
              + " in "
              + result.elapsed().toMillis()
              + " ms, "
              + ((PunchResult.Success) result).punchesSent()
              + " punches");
      if (stream) {
        stream(out, link, Duration.ofSeconds(Long.parseLong(mode.substring(7))));
      } else {
        exchange(out, link, "hello from " + name, start);
      }
    }
    out.println("DONE");
  }

  /** Sends our line until the peer's arrives (UDP may lose some), then a little longer. */
  private static void exchange(PrintStream out, PeerLink link, String message, long start)
      throws Exception {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Optional<byte[]> got = Optional.empty();
    while (got.isEmpty() && System.nanoTime() < deadline) {
      link.send(bytes);
      got = link.receive(Duration.ofMillis(50));
    }
    if (got.isPresent()) {
      out.println("FIRSTBYTE " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
    out.println(got.map(b -> "RECV " + new String(b, StandardCharsets.UTF_8)).orElse("RECV-NONE"));
    for (int i = 0; i < 5; i++) {
      link.send(bytes);
      Thread.sleep(100);
    }
  }

  /** Sends a numbered datagram every 50 ms and measures the longest silence from the peer. */
  private static void stream(PrintStream out, PeerLink link, Duration length) throws Exception {
    out.println("STREAMING");
    long end = System.nanoTime() + length.toNanos();
    long lastHeard = 0;
    long maxGap = 0;
    int received = 0;
    int seq = 0;
    while (System.nanoTime() < end) {
      try {
        link.send(("n " + seq++).getBytes(StandardCharsets.UTF_8));
      } catch (java.io.IOException e) {
        // the route may be changing under the socket: keep streaming
      }
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
      while (link.receive(Duration.ofMillis(Math.max(1, (until - System.nanoTime()) / 1_000_000)))
          .isPresent()) {
        long now = System.nanoTime();
        if (lastHeard != 0) {
          maxGap = Math.max(maxGap, now - lastHeard);
        }
        lastHeard = now;
        received++;
      }
    }
    out.println(
        "STREAM received="
            + received
            + " maxGapMs="
            + TimeUnit.NANOSECONDS.toMillis(maxGap)
            + " lastMs="
            + (lastHeard == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastHeard)));
  }

  static String text(InetSocketAddress a) {
    return HostText.of(a);
  }
}
