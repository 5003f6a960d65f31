package dev.rendezvous.cli;

import dev.rendezvous.client.RendezvousClient;
import dev.rendezvous.client.session.NatMapping;
import dev.rendezvous.client.session.PulseReply;
import dev.rendezvous.client.session.RendezvousSession;
import dev.rendezvous.client.session.SessionListener;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.net.HostText;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "pulse",
    description = "Keep pulsing the edge and print each reply (Ctrl-C to stop).")
final class PulseCommand implements Callable<Integer> {
  @ParentCommand RendezvousCli root;

  @Option(names = "--count", description = "Stop after this many accepted pulses (0: never).")
  int count;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Optional<ClientCredentials> me = root.loadIdentity();
    if (me.isEmpty()) {
      return ExitCodes.NOT_REGISTERED;
    }
    PrintWriter out = root.out();
    CountDownLatch done = new CountDownLatch(1);
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger exit = new AtomicInteger(ExitCodes.OK);
    SessionListener listener =
        new SessionListener() {
          @Override
          public void onPulseAccepted(PulseReply reply) {
            print(
                out,
                "1020 accepted"
                    + reply.mapping().map(m -> ", public address " + text(m)).orElse("")
                    + (reply.viaProbe() ? " (probe port)" : "")
                    + ", "
                    + reply.roundTrip().toMillis()
                    + " ms");
            if (!reply.viaProbe() && count > 0 && accepted.incrementAndGet() >= count) {
              done.countDown();
            }
          }

          @Override
          public void onVerified(boolean revived, String why) {
            print(out, "verified (" + why + "): " + (revived ? "revived" : "was online"));
          }

          @Override
          public void onPulsesUnanswered(int n) {
            print(out, "no reply to " + n + " pulse(s) in a row");
          }

          @Override
          public void onClientGone(String reason) {
            print(out, "gone: " + reason);
            exit.set(ExitCodes.NOT_REGISTERED);
            done.countDown();
          }

          @Override
          public void onError(String what, Throwable cause) {
            print(out, "error " + what + ": " + cause.getMessage());
          }
        };
    // The replies' lines must follow the header: callbacks run on one thread whose first task
    // holds it until the header is out.
    CountDownLatch headerPrinted = new CountDownLatch(1);
    ExecutorService callbacks =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "rendezvous-cli-output");
              t.setDaemon(true);
              return t;
            });
    callbacks.execute(() -> awaitQuietly(headerPrinted));
    try {
      return pulse(me.get(), listener, callbacks, headerPrinted, done, exit);
    } finally {
      headerPrinted.countDown();
      callbacks.shutdown();
    }
  }

  private int pulse(
      ClientCredentials me,
      SessionListener listener,
      ExecutorService callbacks,
      CountDownLatch headerPrinted,
      CountDownLatch done,
      AtomicInteger exit)
      throws IOException, InterruptedException {
    PrintWriter out = root.out();
    try (RendezvousClient client = root.client(callbacks);
        RendezvousSession session = client.openSession(me, listener)) {
      try {
        print(
            out,
            "pulsing "
                + root.edge
                + " from "
                + text(session.localAddress())
                + " as "
                + me.clientId()
                + " ("
                + session.config().protocol()
                + ")");
      } finally {
        headerPrinted.countDown();
      }
      if (session.config().probeEdge().isPresent()) {
        NatMapping nat = session.probeNat().join();
        print(out, "NAT mapping: " + nat.kind());
      }
      if (count > 0) {
        done.await();
      } else {
        done.await(Long.MAX_VALUE, TimeUnit.DAYS);
      }
    }
    return exit.get();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void print(PrintWriter out, String line) {
    out.println(line);
    out.flush();
  }

  static String text(InetSocketAddress a) {
    return HostText.of(a);
  }
}
