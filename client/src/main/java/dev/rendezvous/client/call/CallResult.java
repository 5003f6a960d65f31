package dev.rendezvous.client.call;

import dev.rendezvous.protocol.identity.ClientId;
import java.time.Duration;
import java.util.Objects;

/** How a call ended: {@link Connected} with a secure link, or {@link Failed} with the reason. */
public abstract class CallResult {
  private final ClientId peer;
  private final Duration elapsed;

  private CallResult(ClientId peer, Duration elapsed) {
    this.peer = Objects.requireNonNull(peer);
    this.elapsed = Objects.requireNonNull(elapsed);
  }

  public final ClientId peer() {
    return peer;
  }

  /** From the call (or the accept) to the outcome, HTTP included. */
  public final Duration elapsed() {
    return elapsed;
  }

  /** Both directions were seen to work; talk through {@link #link()}. */
  public static final class Connected extends CallResult {
    private final SecureLink link;

    public Connected(ClientId peer, SecureLink link, Duration elapsed) {
      super(peer, elapsed);
      this.link = Objects.requireNonNull(link);
    }

    public SecureLink link() {
      return link;
    }

    @Override
    public String toString() {
      return "Connected["
          + peer()
          + " at "
          + link.remote()
          + " in "
          + elapsed().toMillis()
          + " ms]";
    }
  }

  /** No link; {@link #detail()} says what was seen. */
  public static final class Failed extends CallResult {
    private final CallFailure reason;
    private final String detail;

    public Failed(ClientId peer, CallFailure reason, String detail, Duration elapsed) {
      super(peer, elapsed);
      this.reason = Objects.requireNonNull(reason);
      this.detail = Objects.requireNonNull(detail);
    }

    public CallFailure reason() {
      return reason;
    }

    public String detail() {
      return detail;
    }

    @Override
    public String toString() {
      return "Failed[" + peer() + " " + reason + ": " + detail + "]";
    }
  }
}
