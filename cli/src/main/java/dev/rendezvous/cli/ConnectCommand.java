package dev.rendezvous.cli;

import dev.rendezvous.client.RendezvousClient;
import dev.rendezvous.client.call.CallResult;
import dev.rendezvous.client.call.IncomingCall;
import dev.rendezvous.client.call.SecureLink;
import dev.rendezvous.client.punch.PunchOptions;
import dev.rendezvous.client.session.NatMapping;
import dev.rendezvous.client.session.RendezvousSession;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "connect",
    description = {
      "Ring a peer through the service and open an encrypted UDP path to it: the peer only needs",
      "to run 'listen' (or 'connect' for this client). Then send each line of stdin to the peer",
      "and print the peer's lines as 'peer> ...'. Progress goes to stderr. With --two-sided, punch",
      "the older way instead: both sides run 'connect --two-sided' for each other, unencrypted."
    })
final class ConnectCommand implements Callable<Integer> {
  @ParentCommand RendezvousCli root;

  @Parameters(paramLabel = "PEER_ID", description = "The peer's client_id.")
  String peer;

  @Option(
      names = "--wait",
      description = "Seconds to wait for the peer to come online (default ${DEFAULT-VALUE}).",
      defaultValue = "120")
  long waitSeconds;

  @Option(
      names = "--timeout",
      description = "Seconds of punching before giving up (default ${DEFAULT-VALUE}).",
      defaultValue = "15")
  long timeoutSeconds;

  @Option(
      names = "--two-sided",
      description = "Punch without ringing: the peer must run 'connect --two-sided' too.")
  boolean twoSided;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Optional<ClientCredentials> me = root.loadIdentity();
    if (me.isEmpty()) {
      return ExitCodes.NOT_REGISTERED;
    }
    ClientId target = Ids.parse(root, peer);
    PrintWriter out = root.out();
    PrintWriter err = root.err();
    PunchOptions options = options(err);
    PeerCall call = new PeerCall(me.get().clientId(), target, err);
    GoneListener listener =
        new GoneListener(err) {
          @Override
          public void onIncomingCall(IncomingCall incoming) {
            if (twoSided) {
              incoming.refuse();
            } else {
              call.onIncomingCall(incoming, options);
            }
          }
        };
    try (RendezvousClient client = root.client();
        RendezvousSession session = client.openSession(me.get(), listener)) {
      if (!online(session, me.get(), err)) {
        return listener.isGone() ? ExitCodes.NOT_REGISTERED : ExitCodes.SERVICE_ERROR;
      }
      long bound = waitSeconds + timeoutSeconds + 60;
      if (twoSided) {
        PulseCommand.print(
            err,
            "connecting to "
                + target
                + " (run 'connect --two-sided "
                + me.get().clientId()
                + "' on the other side)");
        return TwoSidedPunch.run(
            session,
            target,
            options.withWaitForPeer(Duration.ofSeconds(waitSeconds)),
            bound,
            root.stdin,
            out,
            err,
            () -> listener.isGone());
      }
      PulseCommand.print(err, "calling " + target + " (it must run 'listen' or 'connect')");
      CallResult result =
          call.connect(
              session, options, Duration.ofSeconds(waitSeconds), Duration.ofSeconds(bound));
      if (result instanceof CallResult.Failed f) {
        PulseCommand.print(err, "call failed: " + f.reason() + ": " + f.detail());
        return PeerCall.exitCode(f.reason());
      }
      CallResult.Connected connected = (CallResult.Connected) result;
      PeerCall.printConnected(err, connected);
      SecureLink link = connected.link();
      link.onReceive(bytes -> Chat.received(out, bytes));
      Chat.run(
          root.stdin,
          line -> {
            link.send(line);
            return true;
          },
          err);
    }
    return ExitCodes.OK;
  }

  private PunchOptions options(PrintWriter err) {
    AtomicReference<String> lastProgress = new AtomicReference<>("");
    return PunchOptions.defaults()
        .withTimeout(Duration.ofSeconds(timeoutSeconds))
        .withProgress(
            p -> {
              if (!p.equals(lastProgress.getAndSet(p))) {
                PulseCommand.print(err, "... " + p);
              }
            });
  }

  /** Waits for the first accepted pulse and says who and where this client is. */
  static boolean online(RendezvousSession session, ClientCredentials me, PrintWriter err) {
    try {
      session.firstAccepted().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      PulseCommand.print(
          err,
          "the edge " + session.config().edge() + " did not accept a pulse: " + e.getMessage());
      return false;
    }
    PulseCommand.print(
        err,
        "online as "
            + me.clientId()
            + session
                .publicMapping()
                .map(m -> ", public address " + PulseCommand.text(m))
                .orElse(""));
    if (session.config().probeEdge().isPresent()) {
      NatMapping nat = session.probeNat().join();
      PulseCommand.print(err, "NAT mapping: " + nat.kind());
    }
    return true;
  }
}
