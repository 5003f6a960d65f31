package dev.rendezvous.client.nat;

import dev.rendezvous.client.call.CallResult;
import dev.rendezvous.client.call.IncomingCall;
import dev.rendezvous.client.call.SecureLink;
import dev.rendezvous.client.punch.PunchOptions;
import dev.rendezvous.client.session.RendezvousSession;
import dev.rendezvous.protocol.identity.ClientId;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The NAT test's one-sided calls: {@code LISTEN} waits to be rung and accepts; {@code CALL <id>}
 * rings the peer. Either side prints {@code CALL OK remote=... in <ms> ms} or {@code CALL FAIL
 * <reason> ...}, then exchanges a line ({@code RECV <text>}); the caller also prints {@code
 * FIRSTBYTE <ms>}: from the start of its call to the first data it received from the callee.
 */
final class NatCalls {
  private NatCalls() {}

  static void run(
      PrintStream out,
      RendezvousSession session,
      CompletableFuture<IncomingCall> rung,
      String command,
      PunchOptions options,
      String message)
      throws Exception {
    long start = System.nanoTime();
    CallResult result;
    if (command.equals("LISTEN")) {
      IncomingCall call = rung.get(60, TimeUnit.SECONDS);
      out.println("RUNG " + call.caller());
      result = call.accept(options).get(options.timeout().toSeconds() + 20, TimeUnit.SECONDS);
    } else {
      ClientId peer = ClientId.parse(command.substring(5).trim());
      result =
          session.call(peer, options).get(options.timeout().toSeconds() + 20, TimeUnit.SECONDS);
    }
    if (result instanceof CallResult.Failed f) {
      out.println(
          "CALL FAIL " + f.reason() + " after " + f.elapsed().toMillis() + " ms: " + f.detail());
      return;
    }
    SecureLink link = ((CallResult.Connected) result).link();
    out.println(
        "CALL OK remote="
            + NatPeerMain.text(link.remote())
            + " in "
            + result.elapsed().toMillis()
            + " ms");
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Optional<byte[]> got = Optional.empty();
    while (got.isEmpty() && System.nanoTime() < deadline) {
      link.send(bytes);
      got = link.receive(Duration.ofMillis(50));
    }
    if (got.isPresent() && !command.equals("LISTEN")) {
      out.println("FIRSTBYTE " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
    out.println(got.map(b -> "RECV " + new String(b, StandardCharsets.UTF_8)).orElse("RECV-NONE"));
    for (int i = 0; i < 5; i++) {
      link.send(bytes);
      Thread.sleep(100);
    }
  }
}
