package dev.rendezvous.cli;

import dev.rendezvous.client.punch.PeerLink;
import dev.rendezvous.client.punch.PunchOptions;
import dev.rendezvous.client.punch.PunchResult;
import dev.rendezvous.client.session.RendezvousSession;
import dev.rendezvous.protocol.identity.ClientId;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * {@code connect --two-sided}: both peers run {@code connect} for each other at about the same time
 * and punch with unauthenticated, unencrypted peer messages (for peers on older versions).
 */
final class TwoSidedPunch {
  private TwoSidedPunch() {}

  static int run(
      RendezvousSession session,
      ClientId target,
      PunchOptions options,
      long boundSeconds,
      InputStream stdin,
      PrintWriter out,
      PrintWriter err,
      BooleanSupplier gone)
      throws IOException, InterruptedException {
    PunchResult result;
    try {
      result = session.punch(target, options).get(boundSeconds, TimeUnit.SECONDS);
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
            gone.getAsBoolean() ? ExitCodes.NOT_REGISTERED : ExitCodes.SERVICE_ERROR;
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
            + " (not encrypted); type lines to send, Ctrl-D to quit");
    link.onReceive(bytes -> Chat.received(out, bytes));
    Chat.run(
        stdin,
        line -> {
          link.send(line);
          return true;
        },
        err);
    return ExitCodes.OK;
  }
}
