package dev.rendezvous.cli;

import dev.rendezvous.client.RendezvousClient;
import dev.rendezvous.client.call.CallResult;
import dev.rendezvous.client.call.IncomingCall;
import dev.rendezvous.client.call.SecureLink;
import dev.rendezvous.client.punch.PunchOptions;
import dev.rendezvous.client.session.RendezvousSession;
import dev.rendezvous.protocol.identity.ClientCredentials;
import dev.rendezvous.protocol.identity.ClientId;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "listen",
    description = {
      "Stay online (pulse) and answer calls: a peer that runs 'connect <this client_id>' rings",
      "this client through the service, and both punch an encrypted path. Prints the peer's lines",
      "as 'peer> ...' and sends each line of stdin to the peer of the latest call. Ctrl-D quits."
    })
final class ListenCommand implements Callable<Integer> {
  @ParentCommand RendezvousCli root;

  @Option(
      names = "--from",
      split = ",",
      paramLabel = "CLIENT_ID",
      description = "Answer only these callers (default: anyone).")
  List<String> from = List.of();

  @Option(
      names = "--timeout",
      description = "Seconds of punching per call before giving up (default ${DEFAULT-VALUE}).",
      defaultValue = "15")
  long timeoutSeconds;

  @Override
  public Integer call() throws IOException {
    Optional<ClientCredentials> me = root.loadIdentity();
    if (me.isEmpty()) {
      return ExitCodes.NOT_REGISTERED;
    }
    List<ClientId> allowed = from.stream().map(id -> Ids.parse(root, id)).toList();
    PrintWriter out = root.out();
    PrintWriter err = root.err();
    AtomicReference<SecureLink> current = new AtomicReference<>();
    PunchOptions options = PunchOptions.defaults().withTimeout(Duration.ofSeconds(timeoutSeconds));
    GoneListener listener =
        new GoneListener(err) {
          @Override
          public void onIncomingCall(IncomingCall call) {
            if (!allowed.isEmpty() && !allowed.contains(call.caller())) {
              PulseCommand.print(err, "call from " + call.caller() + " refused (not in --from)");
              call.refuse();
              return;
            }
            var unused =
                PeerCall.answer(call, options, err)
                    .thenAccept(
                        result -> {
                          if (result instanceof CallResult.Connected c) {
                            PeerCall.printConnected(err, c);
                            c.link().onReceive(bytes -> Chat.received(out, bytes));
                            SecureLink previous = current.getAndSet(c.link());
                            if (previous != null) {
                              previous.close();
                            }
                          } else {
                            CallResult.Failed f = (CallResult.Failed) result;
                            PulseCommand.print(
                                err,
                                "call from "
                                    + f.peer()
                                    + " failed: "
                                    + f.reason()
                                    + ": "
                                    + f.detail());
                          }
                        });
          }
        };
    try (RendezvousClient client = root.client();
        RendezvousSession session = client.openSession(me.get(), listener)) {
      if (!ConnectCommand.online(session, me.get(), err)) {
        return listener.isGone() ? ExitCodes.NOT_REGISTERED : ExitCodes.SERVICE_ERROR;
      }
      PulseCommand.print(
          err, "listening; a peer runs 'connect " + me.get().clientId() + "' to call");
      Chat.run(
          root.stdin,
          line -> {
            SecureLink link = current.get();
            if (link == null) {
              return false;
            }
            link.send(line);
            return true;
          },
          err);
    }
    return listener.isGone() ? ExitCodes.NOT_REGISTERED : ExitCodes.OK;
  }
}
