package dev.rendezvous.cli;

import dev.rendezvous.client.session.SessionListener;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicReference;

/** A session listener that prints, and remembers, that the service no longer knows this client. */
abstract class GoneListener implements SessionListener {

  private final PrintWriter err;
  private final AtomicReference<String> gone = new AtomicReference<>();

  GoneListener(PrintWriter err) {
    this.err = err;
  }

  @Override
  public final void onClientGone(String reason) {
    gone.set(reason);
    PulseCommand.print(err, "gone: " + reason);
  }

  /** Whether the service said this client is gone. */
  final boolean isGone() {
    return gone.get() != null;
  }
}
