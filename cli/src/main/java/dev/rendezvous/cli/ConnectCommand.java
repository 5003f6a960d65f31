package dev.rendezvous.cli;

import dev.rendezvous.client.RendezvousClient;
import dev.rendezvous.client.punch.PeerLink;
import dev.rendezvous.client.punch.PeerMessage;
import dev.rendezvous.client.punch.PunchOptions;
import dev.rendezvous.client.punch.PunchResult;
import dev.rendezvous.client.session.NatMapping;
import dev.rendezvous.client.session.RendezvousSession;
import dev.rendezvous.client.session.SessionListener;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
      "Punch a UDP hole to a peer (run 'connect' on both sides), then send each line of stdin",
      "to the peer and print the peer's lines as 'peer> ...'. Progress goes to stderr."
    })
final class ConnectCommand implements Callable<Integer> {
  private static final Duration LINGER = Duration.ofMillis(500);

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

  @Override
  public Integer call() throws IOException, InterruptedException {
    Optional<ClientCredentials> me = root.loadIdentity();
    if (me.isEmpty()) {
      return ExitCodes.NOT_REGISTERED;
    }
    ClientId target = Ids.parse(root, peer);
    PrintWriter out = root.out();
    PrintWriter err = root.err();
    AtomicReference<String> gone = new AtomicReference<>();
    SessionListener listener =
        new SessionListener() {
          @Override
          public void onClientGone(String reason) {
            gone.set(reason);
            PulseCommand.print(err, "gone: " + reason);
          }
        };
    try (RendezvousClient client = root.client();
        RendezvousSession session = client.openSession(me.get(), listener)) {
      try {
        session.firstAccepted().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        PulseCommand.print(
            err, "the edge " + root.edge + " did not accept a pulse: " + e.getMessage());
        return gone.get() != null ? ExitCodes.NOT_REGISTERED : ExitCodes.SERVICE_ERROR;
      }
      PulseCommand.print(
          err,
          "online as "
              + me.get().clientId()
              + session
                  .publicMapping()
                  .map(m -> ", public address " + PulseCommand.text(m))
                  .orElse(""));
      if (session.config().probeEdge().isPresent()) {
        NatMapping nat = session.probeNat().join();
        PulseCommand.print(err, "NAT mapping: " + nat.kind());
      }
      PulseCommand.print(
          err,
          "connecting to "
              + target
              + " (run 'connect "
              + me.get().clientId()
              + "' on the other side)");
      AtomicReference<String> lastProgress = new AtomicReference<>("");
      PunchOptions options =
          PunchOptions.defaults()
              .withTimeout(Duration.ofSeconds(timeoutSeconds))
              .withWaitForPeer(Duration.ofSeconds(waitSeconds))
              .withProgress(
                  p -> {
                    if (!p.equals(lastProgress.getAndSet(p))) {
                      PulseCommand.print(err, "... " + p);
                    }
                  });
      PunchResult result;
      try {
        result =
            session.punch(target, options).get(waitSeconds + timeoutSeconds + 60, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        PulseCommand.print(err, "punch did not finish: " + e);
        return ExitCodes.PUNCH_FAILED;
      }
      if (result instanceof PunchResult.Failure f) {
        PulseCommand.print(err, "punch failed: " + f.reason() + ": " + f.detail());
        return switch (f.reason()) {
          case PEER_UNKNOWN, PEER_OFFLINE -> ExitCodes.PEER_NOT_FOUND;
          case LOOKUP_FAILED -> ExitCodes.SERVICE_ERROR;
          case SESSION_CLOSED ->
              gone.get() != null ? ExitCodes.NOT_REGISTERED : ExitCodes.SERVICE_ERROR;
          case NO_REPLY, MAPPING_ADDRESS_DEPENDENT -> ExitCodes.PUNCH_FAILED;
        };
      }
      PeerLink link = ((PunchResult.Success) result).link();
      PulseCommand.print(
          err,
          "connected in "
              + result.elapsed().toMillis()
              + " ms: "
              + link.path()
              + "; type lines to send, Ctrl-D to quit");
      link.onReceive(
          bytes -> PulseCommand.print(out, "peer> " + new String(bytes, StandardCharsets.UTF_8)));
      chat(link, err);
    }
    return ExitCodes.OK;
  }

  private void chat(PeerLink link, PrintWriter err) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(root.stdin, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > PeerMessage.MAX_PAYLOAD) {
        PulseCommand.print(
            err,
            "line too long ("
                + bytes.length
                + " bytes, at most "
                + PeerMessage.MAX_PAYLOAD
                + "); not sent");
        continue;
      }
      link.send(bytes);
    }
    try {
      Thread.sleep(LINGER.toMillis()); // let the peer's last lines arrive before closing
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
