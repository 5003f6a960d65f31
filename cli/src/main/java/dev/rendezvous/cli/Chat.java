package dev.rendezvous.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The line chat of {@code connect} and {@code listen}: each line of stdin goes to the peer as one
 * message (at most 1200 bytes); the peer's messages are printed as {@code peer> ...}.
 */
final class Chat {
  static final int MAX_LINE_BYTES = 1200;
  private static final Duration LINGER = Duration.ofMillis(500);

  /** Where a typed line goes. */
  @FunctionalInterface
  interface Sink {
    /** Sends the line; false when there is nobody to send it to yet. */
    boolean send(byte[] line) throws IOException;
  }

  private Chat() {}

  /** Prints a message from the peer. */
  static void received(PrintWriter out, byte[] message) {
    PulseCommand.print(out, "peer> " + new String(message, StandardCharsets.UTF_8));
  }

  /** Sends each line of {@code stdin} until it ends, then lingers for the peer's last lines. */
  static void run(InputStream stdin, Sink sink, PrintWriter err) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > MAX_LINE_BYTES) {
        PulseCommand.print(
            err,
            "line too long (" + bytes.length + " bytes, at most " + MAX_LINE_BYTES + "); not sent");
      } else if (!sink.send(bytes)) {
        PulseCommand.print(err, "no peer is connected yet; line not sent");
      }
    }
    try {
      Thread.sleep(LINGER.toMillis()); // let the peer's last lines arrive before closing
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
